import Foundation
import NIOCore

/// One client connected to one namespace.
///
/// Events from the client are dispatched to the handlers registered with `on(_:handler:)` one at a time,
/// in the order they arrived, off the connection's reader (a slow handler delays only this socket's later
/// events, never heartbeats or other sockets). Everything sent to the client keeps its order.
public actor SocketIOSocket {
    /// The socket id (sent to the client in the CONNECT answer); also the name of a room holding only it.
    public nonisolated let id: String
    /// The namespace the socket belongs to.
    public nonisolated let namespace: SocketIONamespace
    /// Headers and query of the request that opened the connection.
    public nonisolated let handshake: EngineIOHandshake
    /// The CONNECT packet's auth payload (`[:]` when none was sent).
    public nonisolated let auth: [String: SocketIOValue]
    /// What the connect hook attached with `.accept(data:)`, unchanged for the socket's life.
    public nonisolated let data: (any Sendable)?
    nonisolated let session: EngineIOSession
    nonisolated let connection: SocketIOConnection

    var handlers: [String: SocketIOEventHandler] = [:]
    var unhandled: SocketIOUnhandledEventHandler?
    var disconnectHandlers: [SocketIODisconnectHandler] = []
    /// Why the socket left; `nil` while it is connected, set once at disconnection.
    var disconnectReason: SocketIODisconnectReason?
    var isConnected: Bool { disconnectReason == nil }
    var nextAckID = 0
    var pendingAcks: [Int: PendingAck] = [:]
    var incoming: [IncomingEvent] = []
    var isDispatching = false

    /// Events waiting for their handler beyond this many close the connection (a flooding client).
    static let maximumQueuedEvents = 1024

    struct IncomingEvent {
        let name: String
        let arguments: [SocketIOValue]
        let ackID: Int?
    }

    init(
        id: String,
        namespace: SocketIONamespace,
        request: SocketIOConnectRequest,
        data: (any Sendable)?,
        session: EngineIOSession,
        connection: SocketIOConnection
    ) {
        self.id = id
        self.namespace = namespace
        self.handshake = request.handshake
        self.auth = request.auth
        self.data = data
        self.session = session
        self.connection = connection
    }

    /// The connect hook's data as `T`, or `nil` when there is none or it has another type.
    public nonisolated func data<T: Sendable>(as type: T.Type) -> T? {
        data as? T
    }

    /// `false` once the socket is disconnected; it never reconnects (a reconnecting client gets a new socket).
    public var connected: Bool { isConnected }

    /// Sets the handler of `event`, replacing any previous one. Ignored after disconnection.
    public func on(_ event: String, handler: @escaping SocketIOEventHandler) {
        guard isConnected else { return }
        handlers[event] = handler
    }

    /// Sets the handler of every event that has no handler of its own (for example to ack an error), replacing
    /// any previous one. Without it such events are dropped. Ignored after disconnection.
    public func onUnhandled(_ handler: @escaping SocketIOUnhandledEventHandler) {
        guard isConnected else { return }
        unhandled = handler
    }

    /// Adds a handler run exactly once at disconnection, after the socket has left its rooms. Handlers run in
    /// the order they were added. Added after disconnection (a client may leave while its connection handler
    /// is still running), it runs at once, before this call returns, with the reason the socket left with: no
    /// clean-up a connection handler registers is ever skipped.
    public func onDisconnect(_ handler: @escaping SocketIODisconnectHandler) async {
        guard let disconnectReason else {
            disconnectHandlers.append(handler)
            return
        }
        await handler(disconnectReason)
    }

    /// Sends an event to this client. Dropped silently when the socket is disconnected.
    public nonisolated func emit(_ event: String, _ arguments: SocketIOValue...) async {
        await emit(event, arguments: arguments)
    }

    /// Sends an event to this client; same guarantees as the variadic form.
    public nonisolated func emit(_ event: String, arguments: [SocketIOValue]) async {
        await send(.event(event, arguments: arguments, namespace: namespace.name))
    }

    /// Joins `room`; idempotent, and a no-op once disconnected. With a cluster adapter, returns once operations
    /// that any node publishes to `room` from then on reach this socket.
    public nonisolated func join(_ room: String) async {
        await namespace.join(socketID: id, room: room)
    }

    /// Leaves `room`; idempotent.
    public nonisolated func leave(_ room: String) async {
        await namespace.leave(socketID: id, room: room)
    }

    /// Whether the socket joined `room` (and has not left it since).
    public nonisolated func isIn(_ room: String) -> Bool {
        namespace.socket(id, isIn: room)
    }

    /// The rooms joined explicitly (the socket's own id room is implicit and not listed).
    public nonisolated var rooms: Set<String> {
        namespace.rooms(ofSocket: id)
    }

    /// Everyone in `room` except this socket (Socket.IO's `socket.to(room)`).
    public nonisolated func to(_ room: String) -> SocketIOBroadcast {
        namespace.to(room).except(id)
    }

    /// Everyone in the namespace except this socket (Socket.IO's `socket.broadcast`).
    public nonisolated var broadcast: SocketIOBroadcast {
        SocketIOBroadcast(namespace: namespace).except(id)
    }

    /// Server-side disconnect: sends DISCONNECT for the namespace, leaves every room, runs the disconnect
    /// handlers (reason `.serverNamespaceDisconnect`), then, when `closingConnection` is `true`, closes the
    /// underlying connection after the DISCONNECT is flushed. Idempotent.
    public func disconnect(closingConnection: Bool = true) async {
        guard isConnected else { return }
        await send(SocketIOPacket(type: .disconnect, namespace: namespace.name))
        await connection.forget(self)
        await disconnected(.serverNamespaceDisconnect)
        if closingConnection { await session.close() }
    }

    func send(_ packet: SocketIOPacket) async {
        await session.enqueue(namespace.encoder.encode(packet))
    }

    /// Queues an event from the client for its handler; starts the dispatcher when idle.
    func received(event name: String, arguments: [SocketIOValue], ackID: Int?) async {
        guard isConnected else { return }
        guard incoming.count < Self.maximumQueuedEvents else {
            await session.finish(.transportError)
            return
        }
        incoming.append(IncomingEvent(name: name, arguments: arguments, ackID: ackID))
        guard !isDispatching else { return }
        isDispatching = true
        Task { await self.dispatchQueuedEvents() }
    }

    private func dispatchQueuedEvents() async {
        while isConnected, !incoming.isEmpty {
            let event = incoming.removeFirst()
            if let handler = handlers[event.name] {
                await handler(event.arguments, event.ackID.map(makeAck))
            } else if let unhandled {
                await unhandled(event.name, event.arguments, event.ackID.map(makeAck))
            }
        }
        isDispatching = false
    }

    private nonisolated func makeAck(_ ackID: Int) -> SocketIOAck {
        SocketIOAck { [self] arguments in
            await self.send(.ack(ackID, arguments: arguments, namespace: self.namespace.name))
        }
    }

    /// The socket left: rooms, pending acks and handlers are released, then disconnect handlers run.
    func disconnected(_ reason: SocketIODisconnectReason) async {
        guard isConnected else { return }
        disconnectReason = reason
        await namespace.remove(self)
        incoming.removeAll()
        handlers.removeAll()
        failPendingAcks()
        let hooks = disconnectHandlers
        disconnectHandlers.removeAll()
        for hook in hooks { await hook(reason) }
    }
}
