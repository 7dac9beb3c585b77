/// Which server nodes of a cluster have a user connected, so that `user:online` / `user:offline` are
/// announced when the user's presence changes for the whole cluster, not for one node. A node counts only
/// while its heartbeats are recent, so a crashed node's users stop counting by themselves.
public protocol PresenceRegistry: Sendable {
    /// Records that `node` has at least one socket of `user`. True when no other live node has one: the user
    /// just came online. Calls for one user are serialized cluster-wide.
    func arrived(_ user: UserID, on node: String) async throws -> Bool
    /// Records that `node` has no socket of `user` left. True when no other live node has one: the user just
    /// went offline. Calls for one user are serialized cluster-wide.
    func left(_ user: UserID, on node: String) async throws -> Bool
    /// Marks `node` alive now; also forgets the users of nodes whose heartbeats stopped.
    func heartbeat(_ node: String) async throws
    /// Forgets `node` and its users at once (a graceful shutdown).
    func forget(_ node: String) async throws
}
