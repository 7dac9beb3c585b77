import Foundation

/// What a presented refresh token hash matched.
public enum RefreshTokenMatch: Sendable, Equatable {
    /// The session's current token.
    case current(Session)
    /// A token that was already rotated away: presenting it again means it leaked.
    case retired(Session)
    /// No session knows it.
    case unknown
}

/// Where device sessions live. Stores refresh tokens only as hashes.
public protocol SessionRepository: Sendable {
    /// Stores a new session.
    func create(_ session: Session) async throws
    /// The session, revoked or not, or nil.
    func find(id: SessionID) async throws -> Session?
    /// Looks a refresh token hash up among current and retired hashes.
    func match(refreshTokenHash: String) async throws -> RefreshTokenMatch
    /// Replaces the current hash with `newHash` only if it is still `oldHash` (compare and swap), retiring the
    /// old one and bumping `lastUsedAt`/`expiresAt`. Returns false when another rotation won the race.
    func rotate(
        session: SessionID, from oldHash: String, to newHash: String, at date: Date, expiresAt: Date
    ) async throws -> Bool
    /// Marks the session revoked. Idempotent; returns false when it was already revoked or absent.
    func revoke(id: SessionID, at date: Date) async throws -> Bool
    /// Revokes every active session of the user; returns the ids revoked.
    func revokeAll(user: UserID, at date: Date) async throws -> [SessionID]
    /// The user's active sessions at `now`, newest first.
    func active(user: UserID, at now: Date) async throws -> [Session]
}
