import Foundation
import HTTPTypes
import Logging
import NIOCore
import NIOPosix
import Synchronization

/// An Engine.IO v4 server: opens sessions over HTTP long-polling or WebSocket, upgrades them, keeps them
/// alive with heartbeats and hands each one's messages to the handler returned by `onOpen`.
///
/// Mount it on Hummingbird with `mount(on:)` (polling routes) and `Application(server: .engineIO(engine))`
/// (WebSocket transport); see `SocketIOServer.mount(on:)` for a full example.
public final class EngineIOServer: Sendable {
    /// Called once per new session, before any of its messages is delivered; returns the session's handler.
    public typealias SessionOpener = @Sendable (EngineIOSession) async -> any EngineIOSessionHandler

    /// The settings the server was created with.
    public let configuration: EngineIOConfiguration
    let logger: Logger
    let registry = EngineIOSessionRegistry()
    private let onOpen: SessionOpener
    private let isShuttingDown = Atomic(false)
    /// Starts every session id: the node id and a dot in a cluster member, nothing otherwise.
    private let idPrefix: String
    private let forwarder = Mutex<EngineIOSessionForwarder?>(nil)

    /// Creates a server; nothing is served until it is mounted.
    public convenience init(
        configuration: EngineIOConfiguration, logger: Logger = Logger(label: "ChatRealtime.EngineIO"),
        onOpen: @escaping SessionOpener
    ) {
        self.init(configuration: configuration, logger: logger, node: nil, onOpen: onOpen)
    }

    /// A server whose session ids name `node` (`SocketIONodeID`), so that other nodes can forward their requests.
    init(configuration: EngineIOConfiguration, logger: Logger, node: String?, onOpen: @escaping SessionOpener) {
        self.configuration = configuration
        self.logger = logger
        self.onOpen = onOpen
        self.idPrefix = node.map { $0 + "." } ?? ""
    }

    /// A new random id for a session or a socket, naming this node in a cluster.
    func makeID() -> String { idPrefix + EngineIOSessionID.make() }

    /// From now on, requests for sessions that another node holds are served by `forwarder`.
    func forwardForeignSessions(_ forwarder: EngineIOSessionForwarder) {
        self.forwarder.withLock { $0 = forwarder }
    }

    /// The forwarder and the owning node when a request for `sid` is to be forwarded.
    func foreignOwner(ofSession sid: String, headers: HTTPFields) -> (EngineIOSessionForwarder, String)? {
        guard let forwarder = forwarder.withLock({ $0 }), let owner = forwarder.owner(ofSession: sid, headers: headers) else {
            return nil
        }
        return (forwarder, owner)
    }

    /// The number of open sessions.
    public var sessionCount: Int { registry.count }

    /// The open session with id `id`, or `nil`.
    public func session(id: String) -> EngineIOSession? { registry[id] }

    /// Closes every open session (reason `.serverClose`), flushing what is queued. Safe to call repeatedly.
    public func closeAllSessions() async {
        for session in registry.all { await session.close() }
    }

    /// Ends every open session with `.serverShutdown` (a pending poll is answered with a `close` packet, a
    /// WebSocket is closed), so that clients reconnect elsewhere. Called when the HTTP server begins a graceful
    /// shutdown; only the first call has an effect, and it returns at once.
    public func shutDownSessions() {
        guard isShuttingDown.compareExchange(expected: false, desired: true, ordering: .relaxed).exchanged else { return }
        let sessions = registry.all
        Task { for session in sessions { await session.finish(.serverShutdown) } }
    }

    /// Creates, registers and starts a session; the open packet is queued first on a WebSocket and returned
    /// for a polling handshake.
    func openSession(
        handshake: EngineIOHandshake,
        transport: EngineIOSession.ActiveTransport,
        eventLoop: any EventLoop
    ) async -> (EngineIOSession, EngineFrame) {
        let session = EngineIOSession(
            id: makeID(),
            handshake: handshake,
            transport: transport,
            configuration: configuration,
            eventLoop: eventLoop,
            registry: registry
        )
        let isWebSocket: Bool
        if case .websocket = transport { isWebSocket = true } else { isWebSocket = false }
        let open = EngineIOPacket.open(openPayload(sid: session.id, upgrades: isWebSocket ? [] : ["websocket"])).frame
        registry.insert(session)
        if isWebSocket { await session.enqueue([open]) }
        let handler = await onOpen(session)
        await session.attach(handler: handler)
        await session.startHeartbeat()
        return (session, open)
    }

    private func openPayload(sid: String, upgrades: [String]) -> String {
        let upgradeList = upgrades.map { "\"\($0)\"" }.joined(separator: ",")
        return "{\"sid\":\"\(sid)\",\"upgrades\":[\(upgradeList)],\"pingInterval\":\(configuration.pingInterval.milliseconds)"
            + ",\"pingTimeout\":\(configuration.pingTimeout.milliseconds),\"maxPayload\":\(configuration.maxPayload)}"
    }

    /// An event loop for the timers of a polling session (a WebSocket session uses its channel's loop).
    var timerEventLoop: any EventLoop { MultiThreadedEventLoopGroup.singleton.next() }
}

extension Duration {
    var milliseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1000 + attoseconds / 1_000_000_000_000_000
    }
}
