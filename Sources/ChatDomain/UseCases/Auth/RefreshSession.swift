import Foundation

/// Trades a refresh token for a new token pair, rotating the refresh token every time.
/// A token that was already rotated away revokes its whole session: it must have leaked.
public struct RefreshSession: Sendable {
    let users: any UserRepository
    let sessions: any SessionRepository
    let revoker: SessionRevoker
    let tokens: TokenServices
    let clock: any Clock

    /// Matches and rotates tokens in `sessions`; revokes a reused token's session through `revoker`.
    public init(
        users: any UserRepository, sessions: any SessionRepository, revoker: SessionRevoker, tokens: TokenServices,
        clock: any Clock
    ) {
        self.users = users
        self.sessions = sessions
        self.revoker = revoker
        self.tokens = tokens
        self.clock = clock
    }

    /// The new token pair. Throws `.unauthorized` for an unknown, expired or revoked token, and for a reused one
    /// after revoking its session.
    public func callAsFunction(refreshToken: String) async throws -> AuthResult {
        let now = clock.now()
        let presentedHash = tokens.refreshTokens.hash(refreshToken)
        switch try await sessions.match(refreshTokenHash: presentedHash) {
        case .unknown:
            throw DomainError.unauthorized("invalid refresh token")
        case .retired(let session):
            try await revoker.revoke([session.id])
            throw DomainError.unauthorized("refresh token reuse detected; the session was revoked")
        case .current(let session):
            guard session.isActive(at: now) else { throw DomainError.unauthorized("session expired or revoked") }
            guard let user = try await users.find(id: session.userID) else {
                throw DomainError.unauthorized("invalid refresh token")
            }
            let newToken = tokens.refreshTokens.generate()
            let newHash = tokens.refreshTokens.hash(newToken)
            let expiresAt = now.addingTimeInterval(tokens.refreshTokenLifetime)
            guard
                try await sessions.rotate(
                    session: session.id, from: presentedHash, to: newHash, at: now, expiresAt: expiresAt)
            else {
                // Another request rotated this token first: the same token was used twice.
                try await revoker.revoke([session.id])
                throw DomainError.unauthorized("refresh token reuse detected; the session was revoked")
            }
            var rotated = session
            rotated.refreshTokenHash = newHash
            rotated.lastUsedAt = now
            rotated.expiresAt = expiresAt
            let accessToken = try await tokens.issuer.issue(user: user.id, session: session.id, at: now)
            return AuthResult(
                accessToken: accessToken, expiresIn: tokens.issuer.accessTokenLifetime, session: rotated,
                refreshToken: newToken, user: user
            )
        }
    }
}
