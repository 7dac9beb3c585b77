import Foundation
import Logging
import Synchronization

/// A Socket.IO v5 server on top of Engine.IO v4: namespaces with connect hooks, events, acks both ways,
/// binary attachments, rooms and broadcasts. It knows nothing about the application.
///
/// ```swift
/// let io = SocketIOServer(configuration: .init(allowedOrigins: ["https://chat.example.com"]))
/// let chat = io.namespace("/") { request in
///     guard let user = await users.authenticate(request.token) else { return .reject(message: "unauthorized") }
///     return .accept(data: user)
/// }
/// chat.onConnection { socket in
///     socket.join("user:\(socket.data(as: User.self)!.id)")
///     await socket.on("ping") { arguments, ack in await ack?("pong") }
/// }
/// ```
/// Mount it with `mount(on:)` (polling) and `Application(server: .engineIO(io))` (WebSocket).
public final class SocketIOServer: Sendable {
    /// The settings the server was created with.
    public let configuration: SocketIOConfiguration
    /// The Engine.IO server underneath (session count, shutdown).
    public let engine: EngineIOServer
    let logger: Logger
    let encoder = SocketIOPacketEncoder()
    let cluster: SocketIOClusterLink
    private let namespaces: Mutex<[String: SocketIONamespace]>

    /// Creates a server with the default namespace `/` accepting every client (give it a hook with
    /// `namespace("/", authorize:)`). Nothing is served until it is mounted.
    public init(configuration: SocketIOConfiguration = .init(), logger: Logger = Logger(label: "ChatRealtime.SocketIO")) {
        self.configuration = configuration
        self.logger = logger
        let cluster = SocketIOClusterLink(logger: logger)
        self.cluster = cluster
        let encoder = self.encoder
        self.namespaces = Mutex(["/": SocketIONamespace(name: "/", encoder: encoder, cluster: cluster, authorize: nil)])
        let reference = ServerReference()
        self.engine = EngineIOServer(configuration: configuration.engine, logger: logger, node: cluster.nodeID) { session in
            guard let server = reference.server else {
                await session.close()
                return OrphanedSessionHandler()
            }
            let connection = SocketIOConnection(session: session, server: server)
            await connection.startConnectTimeout()
            return connection
        }
        reference.server = self
    }

    /// Returns the namespace `name` (a leading `/` is added when missing), creating it if needed. When
    /// `authorize` is given it replaces the namespace's connect hook. Clients asking for a namespace that
    /// was never created get CONNECT_ERROR `{"message":"Invalid namespace"}`.
    @discardableResult
    public func namespace(_ name: String, authorize: SocketIOConnectHook? = nil) -> SocketIONamespace {
        let name = name.hasPrefix("/") ? name : "/" + name
        let namespace = namespaces.withLock { namespaces in
            if let existing = namespaces[name] { return existing }
            let created = SocketIONamespace(name: name, encoder: encoder, cluster: cluster, authorize: nil)
            namespaces[name] = created
            return created
        }
        if let authorize { namespace.authorize(with: authorize) }
        return namespace
    }

    /// The default namespace `/`.
    public var defaultNamespace: SocketIONamespace { namespace("/") }

    /// A broadcast to `room` in the default namespace.
    public func to(_ room: String) -> SocketIOBroadcast { defaultNamespace.to(room) }

    /// The sockets of the default namespace in `room`.
    public func sockets(in room: String) -> [SocketIOSocket] { defaultNamespace.sockets(in: room) }

    /// Makes the default namespace's sockets in `members` leave `room`, on every node of the cluster.
    public func leave(room: String, socketsIn members: String) async {
        await defaultNamespace.leave(room: room, socketsIn: members)
    }

    /// Disconnects the default namespace's sockets in `room` (DISCONNECT, then the connection closes), on every
    /// node of the cluster.
    public func disconnect(room: String) async { await defaultNamespace.disconnect(socketsIn: room) }

    /// This node's id in a cluster (random, new for each server; see `SocketIONodeID`).
    public var nodeID: String { cluster.nodeID }

    /// Sends room operations to the other nodes through `adapter` from now on, announces to it the rooms this
    /// node's sockets join, and forwards requests of sessions other nodes hold to the node `adapter` locates
    /// (`SocketIOClusterAdapter.address(ofNode:)`). Set it before serving.
    public func use(_ adapter: any SocketIOClusterAdapter) {
        cluster.use(adapter)
        engine.forwardForeignSessions(EngineIOSessionForwarder(node: cluster.nodeID, logger: logger) { node in
            await adapter.address(ofNode: node)
        })
    }

    /// Runs an operation published by another node on this node's sockets. Ignores this node's own messages
    /// and namespaces this node does not have; never publishes anything in turn.
    public func apply(_ message: SocketIOClusterMessage) async {
        guard message.origin != cluster.nodeID, let namespace = namespace(named: message.namespace) else { return }
        await SocketIOBroadcast(namespace: namespace, message: message).apply(message.action)
    }

    /// Closes every connection (flushing queued packets); for graceful shutdown.
    public func close() async { await engine.closeAllSessions() }

    func namespace(named name: String) -> SocketIONamespace? {
        namespaces.withLock { $0[name] }
    }
}

/// Lets the engine's session opener reach the server that owns the engine (set once, right after init).
private final class ServerReference: Sendable {
    private struct Weak { weak var server: SocketIOServer? }
    private let reference = Mutex(Weak())

    var server: SocketIOServer? {
        get { reference.withLock { $0.server } }
        set { reference.withLock { $0.server = newValue } }
    }
}

/// Handles sessions that open while the server is being deallocated: they are closed at once.
private struct OrphanedSessionHandler: EngineIOSessionHandler {
    func session(_ session: EngineIOSession, didReceive message: EngineIOMessage) async {}
    func session(_ session: EngineIOSession, didCloseWith reason: EngineIOCloseReason) async {}
}
