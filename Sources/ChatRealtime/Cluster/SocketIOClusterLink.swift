import Foundation
import Synchronization

/// A server's link to its cluster: this node's id and the adapter, once one is set.
final class SocketIOClusterLink: Sendable {
    let nodeID = UUID().uuidString
    private let adapter = Mutex<(any SocketIOClusterAdapter)?>(nil)

    /// True once an adapter is set: room operations then also go to the other nodes.
    var isActive: Bool { adapter.withLock { $0 != nil } }

    func use(_ adapter: any SocketIOClusterAdapter) {
        self.adapter.withLock { $0 = adapter }
    }

    /// Publishes one operation on `namespace`'s sockets to the other nodes; a no-op without an adapter.
    func publish(namespace: String, rooms: Set<String>, excluded: Set<String>, action: SocketIOClusterMessage.Action) async {
        guard let adapter = adapter.withLock({ $0 }) else { return }
        await adapter.publish(
            SocketIOClusterMessage(
                origin: nodeID, namespace: namespace, rooms: rooms.sorted(), excluded: excluded.sorted(), action: action))
    }
}
