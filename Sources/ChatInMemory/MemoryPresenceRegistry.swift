import ChatDomain
import Foundation

/// `PresenceRegistry` in memory, for nodes of one process (tests, a cluster simulated in one binary). Nodes count
/// while their last heartbeat, on `clock`, is at most `liveness` old. Calls are serialized by the actor, so of
/// concurrent arrivals of one user exactly one sees nobody else.
public actor MemoryPresenceRegistry: PresenceRegistry {
    private let clock: any ChatDomain.Clock
    /// How long a node counts after its last heartbeat.
    public let liveness: Duration
    private var heartbeats: [String: Date] = [:]
    private var nodesOfUser: [UserID: Set<String>] = [:]

    /// A registry where nodes silent for longer than `liveness`, on `clock`, stop counting.
    public init(clock: any ChatDomain.Clock = SystemClock(), liveness: Duration = .seconds(15)) {
        self.clock = clock
        self.liveness = liveness
    }

    /// Records that `node` has the user; true when no other live node has them.
    public func arrived(_ user: UserID, on node: String) -> Bool {
        nodesOfUser[user, default: []].insert(node)
        return !isElsewhere(user, than: node)
    }

    /// Records that `node` no longer has the user; true when no other live node has them.
    public func left(_ user: UserID, on node: String) -> Bool {
        nodesOfUser[user]?.remove(node)
        if nodesOfUser[user]?.isEmpty == true { nodesOfUser[user] = nil }
        return !isElsewhere(user, than: node)
    }

    /// Marks `node` alive now, and forgets the nodes silent for longer than `liveness` with their users.
    public func heartbeat(_ node: String) {
        let now = clock.now()
        heartbeats[node] = now
        for (silent, seen) in heartbeats where !isLive(seen, at: now) { forget(silent) }
    }

    /// Forgets `node` and its users at once. Idempotent.
    public func forget(_ node: String) {
        heartbeats[node] = nil
        for user in nodesOfUser.keys {
            nodesOfUser[user]?.remove(node)
            if nodesOfUser[user]?.isEmpty == true { nodesOfUser[user] = nil }
        }
    }

    private func isElsewhere(_ user: UserID, than node: String) -> Bool {
        let now = clock.now()
        return (nodesOfUser[user] ?? []).contains { other in
            other != node && heartbeats[other].map { isLive($0, at: now) } == true
        }
    }

    private func isLive(_ seen: Date, at now: Date) -> Bool {
        let (seconds, attoseconds) = liveness.components
        return now.timeIntervalSince(seen) <= Double(seconds) + Double(attoseconds) / 1e18
    }
}
