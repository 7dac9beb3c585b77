import ChatDomain
import Foundation

/// `SessionGate` without a cache: each check asks the session repository, so it is never stale; the sessions it
/// was told to invalidate are recorded, in order, and answer false at once whatever the repository says.
public actor MemorySessionGate: SessionGate {
    private let sessions: any SessionRepository
    /// Every session id this gate was told was revoked, in the order told.
    public private(set) var invalidated: [SessionID] = []

    /// A gate over `sessions`.
    public init(sessions: any SessionRepository) { self.sessions = sessions }

    /// True when the session exists, belongs to `user`, was not invalidated here, and is neither revoked nor
    /// expired at `now`.
    public func isActive(_ session: SessionID, of user: UserID, at now: Date) async throws -> Bool {
        guard !invalidated.contains(session) else { return false }
        guard let found = try await sessions.find(id: session), found.userID == user else { return false }
        return found.isActive(at: now)
    }

    /// Records the sessions: every later check answers false for them.
    public func invalidate(_ sessions: [SessionID]) { invalidated += sessions }
}
