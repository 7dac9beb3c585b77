import ChatDomain

/// Counts each user's connected sockets on this node and decides when presence changes: a user is online while
/// any device is connected — to this node, or, with a cluster `PresenceRegistry`, to any live node.
actor PresenceTracker {
    private var sockets: [UserID: Int] = [:]
    private let cluster: Cluster?

    /// The registry shared by the nodes and this node's id in it.
    struct Cluster: Sendable {
        let registry: any PresenceRegistry
        let node: String
    }

    init(cluster: Cluster? = nil) {
        self.cluster = cluster
    }

    /// Counts a new socket; true when the user just came online.
    func connected(_ user: UserID) async -> Bool {
        sockets[user, default: 0] += 1
        guard sockets[user] == 1 else { return false }
        guard let cluster else { return true }
        let first = (try? await cluster.registry.arrived(user, on: cluster.node)) ?? true
        await reconcile(user, told: true, in: cluster)
        return first
    }

    /// Counts a closed socket; true when the user just went offline (their last socket anywhere closed).
    func disconnected(_ user: UserID) async -> Bool {
        let remaining = (sockets[user] ?? 1) - 1
        sockets[user] = remaining > 0 ? remaining : nil
        guard remaining <= 0 else { return false }
        guard let cluster else { return true }
        let last = (try? await cluster.registry.left(user, on: cluster.node)) ?? true
        await reconcile(user, told: false, in: cluster)
        return last
    }

    /// True while the user has a connected socket on this node.
    func isOnline(_ user: UserID) -> Bool { sockets[user] != nil }

    /// A connect and a disconnect of one user may reach the registry in the other order than they happened here:
    /// while this node's count no longer says what the registry was last `told`, it is told again.
    private func reconcile(_ user: UserID, told online: Bool, in cluster: Cluster) async {
        var told = online
        while (sockets[user] != nil) != told {
            told = sockets[user] != nil
            _ = told
                ? try? await cluster.registry.arrived(user, on: cluster.node)
                : try? await cluster.registry.left(user, on: cluster.node)
        }
    }
}
