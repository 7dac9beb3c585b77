import Foundation

/// How a user names themselves at login.
public enum LoginIdentifier: Sendable, Equatable {
    /// An email, matched trimmed and lowercased.
    case email(String)
    /// A username, matched lowercased.
    case username(String)
}

/// Checks a password and opens a new device session with a fresh token pair.
public struct LogIn: Sendable {
    let users: any UserRepository
    let sessions: any SessionRepository
    let hasher: any PasswordHasher
    let tokens: TokenServices
    let clock: any Clock
    let ids: any IDGenerator

    /// Finds accounts in `users`, checks passwords with `hasher`, stores sessions in `sessions`; times and ids
    /// come from `clock` and `ids`.
    public init(
        users: any UserRepository, sessions: any SessionRepository, hasher: any PasswordHasher,
        tokens: TokenServices, clock: any Clock, ids: any IDGenerator
    ) {
        self.users = users
        self.sessions = sessions
        self.hasher = hasher
        self.tokens = tokens
        self.clock = clock
        self.ids = ids
    }

    /// A new session for the user. Throws `.unauthorized("invalid credentials")` for an unknown account or a
    /// wrong password alike, without telling which.
    public func callAsFunction(
        _ identifier: LoginIdentifier, password: String, device: DeviceType, deviceName: String?, userAgent: String?
    ) async throws -> AuthResult {
        let user: User? =
            switch identifier {
            case .email(let email):
                try await users.find(email: email.trimmingCharacters(in: .whitespacesAndNewlines).lowercased())
            case .username(let name): try await users.find(username: name.lowercased())
            }
        guard let user else {
            // As slow as a wrong password, so response time does not tell which accounts exist.
            _ = try await hasher.hash(password)
            throw DomainError.unauthorized("invalid credentials")
        }
        guard try await hasher.verify(password, against: user.passwordHash) else {
            throw DomainError.unauthorized("invalid credentials")
        }
        let now = clock.now()
        let refreshToken = tokens.refreshTokens.generate()
        let session = Session(
            id: SessionID(ids.next()), userID: user.id, deviceType: device,
            deviceName: deviceName.map { String($0.prefix(100)) }, userAgent: userAgent.map { String($0.prefix(300)) },
            refreshTokenHash: tokens.refreshTokens.hash(refreshToken), createdAt: now, lastUsedAt: now,
            expiresAt: now.addingTimeInterval(tokens.refreshTokenLifetime)
        )
        try await sessions.create(session)
        let accessToken = try await tokens.issuer.issue(user: user.id, session: session.id, at: now)
        return AuthResult(
            accessToken: accessToken, expiresIn: tokens.issuer.accessTokenLifetime, session: session,
            refreshToken: refreshToken, user: user
        )
    }
}
