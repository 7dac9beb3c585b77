import ChatDomain
import Foundation

/// Answers "is this session active?" from memory, asking the repository at most once per `ttl` per session.
/// Revocations on this node take effect at once (and win over any check still in flight); a revocation made by
/// another node is seen within `ttl`.
public actor CachedSessionGate: SessionGate {
    private struct Entry {
        /// The session's owner; nil when the session does not exist.
        var owner: UserID?
        var expiresAt: Date?
        var checkedAt: Date
    }

    private let sessions: any SessionRepository
    private let ttl: TimeInterval
    private let capacity: Int
    private var entries: [SessionID: Entry] = [:]
    /// Sessions revoked through this gate; revocation is final, so these never turn active again.
    private var revoked: Set<SessionID> = []

    /// A gate over `sessions`, trusting a positive answer for `ttl` seconds, remembering at most `capacity`.
    public init(sessions: any SessionRepository, ttl: TimeInterval = 5, capacity: Int = 100_000) {
        self.sessions = sessions
        self.ttl = ttl
        self.capacity = capacity
    }

    public func isActive(_ id: SessionID, of user: UserID, at now: Date) async throws -> Bool {
        if revoked.contains(id) { return false }
        if let entry = entries[id], now.timeIntervalSince(entry.checkedAt) < ttl {
            return entry.owner == user && entry.expiresAt.map { $0 > now } ?? false
        }
        let session = try await sessions.find(id: id)
        guard !revoked.contains(id) else { return false }
        let active = session?.isActive(at: now) ?? false
        if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
        entries[id] = Entry(owner: session?.userID, expiresAt: active ? session?.expiresAt : nil, checkedAt: now)
        return active && session?.userID == user
    }

    public func invalidate(_ ids: [SessionID]) {
        if revoked.count >= capacity { revoked.removeAll(keepingCapacity: true) }
        for id in ids {
            entries[id] = nil
            revoked.insert(id)
        }
    }
}
