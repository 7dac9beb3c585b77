import Foundation

/// What signing in or refreshing hands to the client: a fresh access token and a fresh refresh token.
public struct AuthResult: Sendable {
    public var accessToken: String
    /// Access token lifetime in seconds.
    public var expiresIn: Int
    public var session: Session
    /// The opaque refresh token; only its hash is stored.
    public var refreshToken: String
    public var user: User

    public init(accessToken: String, expiresIn: Int, session: Session, refreshToken: String, user: User) {
        self.accessToken = accessToken
        self.expiresIn = expiresIn
        self.session = session
        self.refreshToken = refreshToken
        self.user = user
    }
}

/// The ports every token-issuing use case needs, bundled.
public struct TokenServices: Sendable {
    public var issuer: any TokenIssuer
    public var refreshTokens: any RefreshTokenGenerator
    /// How long a session lives without being refreshed, in seconds.
    public var refreshTokenLifetime: TimeInterval

    public init(issuer: any TokenIssuer, refreshTokens: any RefreshTokenGenerator, refreshTokenLifetime: TimeInterval) {
        self.issuer = issuer
        self.refreshTokens = refreshTokens
        self.refreshTokenLifetime = refreshTokenLifetime
    }
}
