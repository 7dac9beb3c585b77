import Foundation

/// A session as its owner sees it in the sessions list.
public struct SessionOverview: Sendable, Equatable {
    /// The session itself.
    public var session: Session
    /// True for the session making the request.
    public var isCurrent: Bool
}

/// Lists a user's active sessions, marking the current one.
public struct ListSessions: Sendable {
    let sessions: any SessionRepository
    let clock: any Clock

    /// Lists from `sessions`, judging "active" at `clock`'s time.
    public init(sessions: any SessionRepository, clock: any Clock) {
        self.sessions = sessions
        self.clock = clock
    }

    /// The user's active sessions, newest first.
    public func callAsFunction(user: UserID, current: SessionID) async throws -> [SessionOverview] {
        try await sessions.active(user: user, at: clock.now()).map {
            SessionOverview(session: $0, isCurrent: $0.id == current)
        }
    }
}

/// Ends one of the caller's own sessions (logout, or revoking another device).
public struct RevokeSession: Sendable {
    let sessions: any SessionRepository
    let revoker: SessionRevoker

    /// Looks sessions up in `sessions` and revokes them through `revoker`.
    public init(sessions: any SessionRepository, revoker: SessionRevoker) {
        self.sessions = sessions
        self.revoker = revoker
    }

    /// Revokes the session. Throws `.notFound` when it is not one of the user's sessions.
    public func callAsFunction(user: UserID, session id: SessionID) async throws {
        guard let session = try await sessions.find(id: id), session.userID == user else {
            throw DomainError.notFound("session not found")
        }
        try await revoker.revoke([id])
    }
}

/// Checks an access token: signature, pinned algorithm, expiry, and that its session is still active.
public struct Authenticate: Sendable {
    let issuer: any TokenIssuer
    let gate: any SessionGate
    let clock: any Clock

    /// Verifies tokens with `issuer` and sessions with `gate`, at `clock`'s time.
    public init(issuer: any TokenIssuer, gate: any SessionGate, clock: any Clock) {
        self.issuer = issuer
        self.gate = gate
        self.clock = clock
    }

    /// The token's claims. Throws `.unauthorized` for a bad or expired token, a revoked session, or a session that
    /// is not the token's user's (`sid` must belong to `sub`).
    public func callAsFunction(accessToken: String) async throws -> AccessClaims {
        let now = clock.now()
        let claims = try await issuer.verify(accessToken, at: now)
        guard try await gate.isActive(claims.sessionID, of: claims.userID, at: now) else {
            throw DomainError.unauthorized("session revoked")
        }
        return claims
    }
}
