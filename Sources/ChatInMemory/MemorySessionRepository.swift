import ChatDomain
import Foundation

/// `SessionRepository` in a `MemoryStore`: the current refresh token hash on the session, rotated-away hashes kept
/// to detect reuse. Each method is one atomic step, so of concurrent rotations from one hash exactly one wins.
public struct MemorySessionRepository: SessionRepository {
    /// The store holding the sessions.
    public let store: MemoryStore

    /// The sessions of `store`.
    public init(store: MemoryStore) { self.store = store }

    /// Stores the session. Throws `DomainError.conflict` when its id or refresh token hash is taken, `.notFound` when
    /// its user does not exist.
    public func create(_ session: Session) async throws { try await store.createSession(session) }

    /// The session, revoked or not, or nil.
    public func find(id: SessionID) async throws -> Session? { await store.session(id) }

    /// `.current` when a session's current hash is `refreshTokenHash`, `.retired` when a session was rotated away
    /// from it, `.unknown` otherwise. Revoked and expired sessions match too: the caller decides.
    public func match(refreshTokenHash: String) async throws -> RefreshTokenMatch {
        await store.match(refreshTokenHash: refreshTokenHash)
    }

    /// When the session is not revoked and its hash is still `oldHash`: sets `newHash`, `lastUsedAt` and
    /// `expiresAt`, retires `oldHash`, and returns true. Returns false, changing nothing, otherwise.
    public func rotate(
        session: SessionID, from oldHash: String, to newHash: String, at date: Date, expiresAt: Date
    ) async throws -> Bool {
        await store.rotate(session: session, from: oldHash, to: newHash, at: date, expiresAt: expiresAt)
    }

    /// Sets `revokedAt`; false when the session was already revoked (keeping the first date) or is absent.
    public func revoke(id: SessionID, at date: Date) async throws -> Bool { await store.revoke(session: id, at: date) }

    /// Revokes every session of the user active at `date`, at once; returns their ids.
    public func revokeAll(user: UserID, at date: Date) async throws -> [SessionID] {
        await store.revokeAll(user: user, at: date)
    }

    /// The user's sessions not revoked and not expired at `now`, newest first (ties by id).
    public func active(user: UserID, at now: Date) async throws -> [Session] {
        await store.activeSessions(user: user, at: now)
    }
}
