import Logging
import Synchronization

/// A server's link to its cluster: this node's id, the adapter once one is set, and the rooms announced to it.
final class SocketIOClusterLink: Sendable {
    let nodeID = SocketIONodeID.make()
    private let adapter = Mutex<(any SocketIOClusterAdapter)?>(nil)
    private let subscriptions: ClusterRoomSubscriptions

    init(logger: Logger) {
        subscriptions = ClusterRoomSubscriptions(logger: logger)
    }

    /// True once an adapter is set: room operations then also go to the other nodes.
    var isActive: Bool { adapter.withLock { $0 != nil } }

    /// The adapter, once one is set.
    var current: (any SocketIOClusterAdapter)? { adapter.withLock { $0 } }

    func use(_ adapter: any SocketIOClusterAdapter) {
        self.adapter.withLock { $0 = adapter }
    }

    /// Publishes one operation on `namespace`'s sockets to the other nodes; a no-op without an adapter.
    func publish(namespace: String, rooms: Set<String>, excluded: Set<String>, action: SocketIOClusterMessage.Action) async {
        guard let adapter = current else { return }
        await adapter.publish(
            SocketIOClusterMessage(
                origin: nodeID, namespace: namespace, rooms: rooms.sorted(), excluded: excluded.sorted(), action: action))
    }

    /// Brings what the adapter was told about `room` in line with whether `namespace` holds a socket in it here;
    /// returns once that is done (at once without an adapter, or when nothing changed).
    func settle(room: String, in namespace: SocketIONamespace) async {
        guard let adapter = current else { return }
        await subscriptions.settle(
            ClusterRoomSubscriptions.Room(namespace: namespace.name, name: room),
            isOccupied: { namespace.isOccupied(room) }, adapter: adapter)
    }
}
