import Foundation
import NIOCore

/// One Engine.IO session: a client identified by its `sid`, reachable over long-polling or a WebSocket,
/// possibly upgraded from the first to the second.
///
/// Packets sent with `send` are delivered in order, whatever the transport; a session that has closed
/// drops further sends silently. Heartbeats, the upgrade and protocol errors are handled here.
public actor EngineIOSession {
    /// The session id (`sid`), unique among the server's live sessions.
    public nonisolated let id: String
    /// The request that opened the session.
    public nonisolated let handshake: EngineIOHandshake
    nonisolated let configuration: EngineIOConfiguration
    nonisolated let eventLoop: any EventLoop
    nonisolated let registry: EngineIOSessionRegistry

    var handler: (any EngineIOSessionHandler)?
    var transport: ActiveTransport
    var probe: WebSocketConnection?
    var probeAnswered = false
    var outbox: [EngineFrame] = []
    var pendingPoll: CheckedContinuation<[EngineFrame]?, Never>?
    var postInFlight = false
    var inbound = InboundQueue()
    var isDraining = false
    var closeWhenDrained = false
    var isClosed = false
    var lingersForFinalPoll = false
    var heartbeat = HeartbeatState()

    enum ActiveTransport {
        case polling
        case websocket(WebSocketConnection)
    }

    init(
        id: String,
        handshake: EngineIOHandshake,
        transport: ActiveTransport,
        configuration: EngineIOConfiguration,
        eventLoop: any EventLoop,
        registry: EngineIOSessionRegistry
    ) {
        self.id = id
        self.handshake = handshake
        self.transport = transport
        self.configuration = configuration
        self.eventLoop = eventLoop
        self.registry = registry
    }

    /// The transport currently carrying the session.
    public var transportKind: EngineIOTransportKind {
        if case .websocket = transport { return .websocket }
        return .polling
    }

    /// `true` once the session has closed; it never reopens.
    public var closed: Bool { isClosed }

    /// Queues a message for the client; returns at once. Dropped when the session is closed or closing.
    public func send(_ message: EngineIOMessage) {
        enqueue([EngineIOPacket.message(message).frame])
    }

    /// Closes the session from the server side after flushing what is already queued (over polling, the
    /// client's next GET receives the queue and a `close` packet). Idempotent.
    public func close() {
        guard !isClosed, !closeWhenDrained else { return }
        switch transport {
        case .polling:
            outbox.append(EngineIOPacket.close.frame)
            closeWhenDrained = true
            if let poll = pendingPoll {
                pendingPoll = nil
                poll.resume(returning: takeOutbox())
                finishInBackground(.serverClose)
            } else {
                scheduleHeartbeat(after: configuration.pingTimeout)
            }
        case .websocket:
            closeWhenDrained = true
            startDrainingIfNeeded()
        }
    }

    func attach(handler: any EngineIOSessionHandler) {
        self.handler = handler
    }

    /// Queues already-encoded frames (shared between sessions by broadcasts).
    ///
    /// On a WebSocket that keeps up (nothing queued, the channel writable) the frames are written at once, with no
    /// task and no wait: writes issued here reach the socket in the order they were issued. Otherwise they join
    /// the outbox, drained by one task that waits for each write (so a slow client holds its own queue back).
    func enqueue(_ frames: [EngineFrame]) {
        guard !isClosed, !closeWhenDrained else { return }
        switch transport {
        case .polling:
            outbox.append(contentsOf: frames)
            if let poll = pendingPoll, probe == nil || !probeAnswered {
                pendingPoll = nil
                poll.resume(returning: takeOutbox())
            }
        case .websocket(let connection):
            if !isDraining, outbox.isEmpty, connection.isWritable {
                connection.writeWithoutWaiting(frames)
                return
            }
            outbox.append(contentsOf: frames)
            startDrainingIfNeeded()
        }
    }

    /// Handles one decoded packet from the client, whatever the transport.
    func handle(_ packet: EngineIOPacket) async {
        switch packet {
        case .message(let message):
            await handler?.session(self, didReceive: message)
        case .pong:
            receivedPong()
        case .ping(let data):
            enqueue([EngineIOPacket.pong(data).frame])
        case .close:
            await finish(.clientClose, pollReply: [EngineIOPacket.noop.frame])
        case .upgrade, .noop:
            break
        case .open:
            await finish(.transportError)
        }
    }

    /// The most packets one polling response carries. python-engineio refuses a payload of more
    /// (`Too many packets in payload`) and drops the connection; the rest waits for the client's next GET.
    static let maxPacketsPerPoll = 16

    /// Frames for one polling response: at most `maxPayload` bytes and `maxPacketsPerPoll` packets (at least one).
    func takeOutbox() -> [EngineFrame] {
        var size = 0
        var count = 0
        for frame in outbox {
            size += frame.pollingSize + 1
            if count > 0 && size > configuration.maxPayload { break }
            if count == Self.maxPacketsPerPoll { break }
            count += 1
        }
        let taken = Array(outbox.prefix(count))
        outbox.removeFirst(count)
        return taken
    }

    /// Ends the session: answers a pending poll, closes WebSockets, unregisters, tells the handler.
    /// Only the first call has an effect.
    /// `pollReply` answers a pending GET; `nil` answers it with a 400 (used when another request of the same
    /// client is the one that went away).
    func finish(_ reason: EngineIOCloseReason, pollReply: [EngineFrame]? = [EngineIOPacket.close.frame]) async {
        guard !isClosed else { return }
        isClosed = true
        cancelHeartbeat()
        var pollReply = pollReply
        if let poll = pendingPoll {
            pendingPoll = nil
            poll.resume(returning: pollReply)
            pollReply = nil
        }
        outbox.removeAll()
        releaseInboundWaiters()
        if reason == .clientClose, case .polling = transport, pollReply == [EngineIOPacket.noop.frame] {
            lingerForFinalPoll()
        } else {
            registry.remove(id)
        }
        let sockets = [probe, activeWebSocket].compactMap { $0 }
        probe = nil
        for socket in sockets { socket.close() }
        await handler?.session(self, didCloseWith: reason)
        handler = nil
    }

    /// A client that sends `close` over polling may have its last GET in flight (it sends both at once):
    /// keep the sid known for a moment so that GET gets `noop` instead of an error.
    private func lingerForFinalPoll() {
        lingersForFinalPoll = true
        let registry = self.registry
        let id = self.id
        eventLoop.scheduleTask(in: TimeAmount(min(configuration.pingTimeout, .seconds(1)))) {
            registry.remove(id)
        }
    }

    func finishInBackground(_ reason: EngineIOCloseReason) {
        Task { await self.finish(reason) }
    }

    var activeWebSocket: WebSocketConnection? {
        if case .websocket(let socket) = transport { return socket }
        return nil
    }
}
