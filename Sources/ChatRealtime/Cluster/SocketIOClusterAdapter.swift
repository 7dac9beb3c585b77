/// Carries room operations (broadcasts, joins, leaves, disconnects) to the other nodes of a cluster, as
/// Socket.IO's adapters do. Set one with `SocketIOServer.use(_:)`; hand what arrives from other nodes to
/// `SocketIOServer.apply(_:)`.
///
/// Delivery is best effort and at most once: a node that is not listening when a message is published never
/// sees it (applications let clients catch up from their own history).
///
/// Routing: the server tells the adapter which rooms this node holds sockets in (`subscribe`/`unsubscribe`), so an
/// adapter may send an operation only to the nodes holding sockets in its rooms. A socket's own id room is never
/// announced: a socket id names its node (`SocketIONodeID.node(of:)`). An adapter that sends everything
/// everywhere keeps the default no-op implementations.
public protocol SocketIOClusterAdapter: Sendable {
    /// Sends `message` to the nodes holding sockets it addresses (every node when its `rooms` are empty); this node
    /// may receive it back (the server ignores its own). Returns once the transport took it, in publishing order.
    /// Never throws: the local part of the operation has already happened, so a transport failure is the adapter's
    /// to log.
    func publish(_ message: SocketIOClusterMessage) async

    /// This node now holds at least one socket in `room` of `namespace`. Returns once every operation on that room
    /// published by any node from then on reaches this node. Calls for one room never overlap. Throws when the
    /// announcement did not take effect; the server logs it and announces the room again at its next join or leave.
    func subscribe(namespace: String, room: String) async throws

    /// This node no longer holds any socket in `room` of `namespace`: operations on it may stop coming here.
    /// Throws when that was not recorded (operations then keep coming, which is only wasted work).
    func unsubscribe(namespace: String, room: String) async throws

    /// The base URL (`http://host:port`) at which node `node` serves Engine.IO, for forwarding a request of a
    /// session it holds; nil when the node is unknown (not a live member of the cluster).
    func address(ofNode node: String) async -> String?
}

extension SocketIOClusterAdapter {
    /// Default: every node hears every operation, so there is nothing to announce.
    public func subscribe(namespace: String, room: String) async throws {}

    /// Default: every node hears every operation, so there is nothing to announce.
    public func unsubscribe(namespace: String, room: String) async throws {}

    /// Default: nodes are not addressable; requests for other nodes' sessions are refused as unknown sessions.
    public func address(ofNode node: String) async -> String? { nil }
}
