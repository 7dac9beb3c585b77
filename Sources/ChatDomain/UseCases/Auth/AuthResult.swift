import Foundation

/// What signing in or refreshing hands to the client: a fresh access token and a fresh refresh token.
public struct AuthResult: Sendable {
    /// The signed access token, valid for `expiresIn` seconds.
    public var accessToken: String
    /// Access token lifetime in seconds.
    public var expiresIn: Int
    /// The session opened or refreshed, as stored after the call.
    public var session: Session
    /// The opaque refresh token; only its hash is stored.
    public var refreshToken: String
    /// The signed-in account, private fields included: send clients its `OwnProfile`.
    public var user: User

    /// A result from its parts.
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
    /// Signs access tokens.
    public var issuer: any TokenIssuer
    /// Makes refresh tokens and the hashes they are stored under.
    public var refreshTokens: any RefreshTokenGenerator
    /// How long a session lives without being refreshed, in seconds.
    public var refreshTokenLifetime: TimeInterval

    /// The bundle; `refreshTokenLifetime` is in seconds.
    public init(issuer: any TokenIssuer, refreshTokens: any RefreshTokenGenerator, refreshTokenLifetime: TimeInterval) {
        self.issuer = issuer
        self.refreshTokens = refreshTokens
        self.refreshTokenLifetime = refreshTokenLifetime
    }
}
