import Foundation

/// Slow, salted password hashing. Implementations do the work off the event loops.
public protocol PasswordHasher: Sendable {
    /// A self-describing hash of `password` (algorithm, cost and salt included).
    func hash(_ password: String) async throws -> String
    /// True when `password` matches `hash`; false for any malformed hash.
    func verify(_ password: String, against hash: String) async throws -> Bool
}

/// The claims an access token carries.
public struct AccessClaims: Sendable, Equatable {
    /// The user the token was issued to (`sub`).
    public var userID: UserID
    /// The session the token belongs to (`sid`).
    public var sessionID: SessionID
    /// When the token was issued (`iat`).
    public var issuedAt: Date
    /// When the token stops being valid (`exp`).
    public var expiresAt: Date

    /// Claims from their fields.
    public init(userID: UserID, sessionID: SessionID, issuedAt: Date, expiresAt: Date) {
        self.userID = userID
        self.sessionID = sessionID
        self.issuedAt = issuedAt
        self.expiresAt = expiresAt
    }
}

/// Signs and checks access tokens.
public protocol TokenIssuer: Sendable {
    /// How long an issued token lives, in seconds.
    var accessTokenLifetime: Int { get }
    /// A signed token for this user and session, valid from `now` for `accessTokenLifetime`.
    func issue(user: UserID, session: SessionID, at now: Date) async throws -> String
    /// The claims of a token signed by us with the pinned algorithm and not expired at `now`.
    /// Throws `DomainError.unauthorized` otherwise. Does not check whether the session was revoked.
    func verify(_ token: String, at now: Date) async throws -> AccessClaims
}

/// Makes opaque refresh tokens and the hashes they are stored under.
public protocol RefreshTokenGenerator: Sendable {
    /// A new token of 256 random bits, URL-safe.
    func generate() -> String
    /// The hash the token is stored under (deterministic, so a token can be looked up by it).
    func hash(_ token: String) -> String
}

/// Knows, quickly, whether a session is still active; told at once when one is revoked.
public protocol SessionGate: Sendable {
    /// True when the session exists, belongs to `user`, is not revoked and not expired at `now`. A session of
    /// another user is never active for `user`, whatever its state.
    func isActive(_ session: SessionID, of user: UserID, at now: Date) async throws -> Bool
    /// Told that these sessions were revoked: every later check answers false for them at once.
    func invalidate(_ sessions: [SessionID]) async
}
