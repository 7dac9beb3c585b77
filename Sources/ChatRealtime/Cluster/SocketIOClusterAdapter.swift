/// Carries room operations (broadcasts, joins, leaves, disconnects) to the other nodes of a cluster, as
/// Socket.IO's adapters do. Set one with `SocketIOServer.use(_:)`; hand what arrives from other nodes to
/// `SocketIOServer.apply(_:)`.
///
/// Delivery is best effort and at most once: a node that is not listening when a message is published never
/// sees it (applications let clients catch up from their own history).
public protocol SocketIOClusterAdapter: Sendable {
    /// Sends `message` to every node of the cluster; this node may receive it back (the server ignores its own).
    /// Returns once the transport took it, in publishing order. Never throws: the local part of the
    /// operation has already happened, so a transport failure is the adapter's to log.
    func publish(_ message: SocketIOClusterMessage) async
}
