import ChatPersistence
import ChatRealtime
import CoreMetrics
import Foundation
import Logging
import ServiceLifecycle
import Synchronization

/// `CLUSTER_ADAPTER=postgres`: the Socket.IO servers of every node sharing the database exchange room operations
/// over PostgreSQL notifications, routed by room (`PostgresClusterRouter`): a node hears only the operations on
/// rooms in which it holds sockets, and those addressed to every socket. Requests of sessions another node holds
/// are forwarded to the address that node advertised. Runs as a service: it listens on the node's channel, and
/// keeps the node's heartbeat and advertised address current, until shutdown, when it takes the node out of the
/// presence registry and the room directory.
struct PostgresClusterAdapter: SocketIOClusterAdapter, Service {
    static let heartbeatInterval = Duration.seconds(5)

    let router: PostgresClusterRouter
    let presence: PostgresPresenceRegistry
    let io: SocketIOServer
    let advertised: AdvertisedAddress
    let traffic: ClusterTraffic
    let logger: Logger
    private let addresses = NodeAddresses()

    init(database: PostgresDatabase, io: SocketIOServer, advertised: AdvertisedAddress, traffic: ClusterTraffic, logger: Logger) {
        self.router = PostgresClusterRouter(database: database, node: io.nodeID)
        self.presence = PostgresPresenceRegistry(database)
        self.io = io
        self.advertised = advertised
        self.traffic = traffic
        self.logger = logger
    }

    /// The channel this node listens on (for the readiness probe).
    var channel: PostgresNotificationChannel { router.inbox }

    func publish(_ message: SocketIOClusterMessage) async {
        do {
            let notified = try await router.publish(
                try message.serialized(), namespace: message.namespace, rooms: message.rooms,
                nodes: Array(message.socketNodes))
            traffic.published.increment(by: notified)
        } catch {
            // The local part is done; other nodes' clients catch up through history.
            logger.warning("cluster publish failed", metadata: ["error": "\(String(reflecting: type(of: error)))"])
        }
    }

    func subscribe(namespace: String, room: String) async throws {
        try await router.hold(namespace: namespace, room: room)
    }

    func unsubscribe(namespace: String, room: String) async throws {
        try await router.release(namespace: namespace, room: room)
    }

    func address(ofNode node: String) async -> String? {
        if let known = addresses[node] { return known }
        do {
            guard let address = try await router.address(of: node) else { return nil }
            addresses[node] = address
            return address
        } catch {
            logger.warning("cluster address lookup failed", metadata: ["error": "\(String(reflecting: type(of: error)))"])
            return nil
        }
    }

    func run() async throws {
        try await cancelWhenGracefulShutdown {
            await withDiscardingTaskGroup { group in
                group.addTask { await listen() }
                group.addTask { await beat() }
            }
        }
        try? await presence.forget(io.nodeID)
    }

    /// Records this node's address as soon as the server listens (and again at every heartbeat).
    func advertise(_ address: String) async {
        do {
            try await router.advertise(address)
        } catch {
            logger.warning("cluster advertise failed", metadata: ["error": "\(String(reflecting: type(of: error)))"])
        }
    }

    private func listen() async {
        await router.inbox.listen { text in
            guard let message = try? SocketIOClusterMessage(serialized: text) else {
                logger.warning("cluster message ignored: unreadable")
                return
            }
            traffic.received.increment()
            await io.apply(message)
        }
    }

    private func beat() async {
        while !Task.isCancelled {
            do {
                try await presence.heartbeat(io.nodeID)
                if let address = advertised.value { try await router.advertise(address) }
            } catch {
                logger.warning("cluster heartbeat failed", metadata: ["error": "\(String(reflecting: type(of: error)))"])
            }
            try? await Task.sleep(for: Self.heartbeatInterval)
        }
    }
}

/// The base URL this node advertises to the cluster: `CLUSTER_ADVERTISE_URL`, or `http://HOST:PORT` once the server
/// listens (the port may be chosen by the system).
final class AdvertisedAddress: Sendable {
    private let address: Mutex<String?>

    init(_ configured: String?) { address = Mutex(configured) }

    var value: String? { address.withLock { $0 } }

    /// Sets the address unless one was configured; returns the address in effect.
    func listening(host: String, port: Int) -> String {
        address.withLock { address in
            if let address { return address }
            let reachable = ["0.0.0.0", "::", ""].contains(host) ? ProcessInfo.processInfo.hostName : host
            let shown = reachable.contains(":") ? "[\(reachable)]" : reachable
            address = "http://\(shown):\(port)"
            return address!
        }
    }
}

/// `chat_cluster_operations_published_total` (notifications sent to other nodes: one per node an operation goes to)
/// and `chat_cluster_operations_received_total` (operations from other nodes applied here).
struct ClusterTraffic: Sendable {
    let published: CoreMetrics.Counter
    let received: CoreMetrics.Counter

    init(factory: any MetricsFactory) {
        published = CoreMetrics.Counter(label: "chat_cluster_operations_published_total", factory: factory)
        received = CoreMetrics.Counter(label: "chat_cluster_operations_received_total", factory: factory)
    }
}

/// Other nodes' advertised addresses, as found; a node id is new for each process, so an address never changes.
private final class NodeAddresses: Sendable {
    private let known = Mutex<[String: String]>([:])

    subscript(node: String) -> String? {
        get { known.withLock { $0[node] } }
        set { known.withLock { $0[node] = newValue } }
    }
}
