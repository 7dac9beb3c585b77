import ChatDomain
import Foundation

/// A transparent "hash": `hashed:` + password. Verifying compares.
struct FakePasswordHasher: PasswordHasher {
    func hash(_ password: String) -> String { "hashed:" + password }
    func verify(_ password: String, against hash: String) -> Bool { hash == "hashed:" + password }
}

/// Access tokens as readable `sessionID|userID|expiry` strings; verification checks the expiry.
struct FakeTokenIssuer: TokenIssuer {
    let accessTokenLifetime = 900

    func issue(user: UserID, session: SessionID, at now: Date) -> String {
        "\(session)|\(user)|\(Int(now.timeIntervalSince1970) + accessTokenLifetime)"
    }

    func verify(_ token: String, at now: Date) throws -> AccessClaims {
        let parts = token.split(separator: "|").map(String.init)
        guard parts.count == 3, let session = SessionID(parts[0]), let user = UserID(parts[1]),
            let expiry = Int(parts[2])
        else { throw DomainError.unauthorized("malformed token") }
        let expiresAt = Date(timeIntervalSince1970: TimeInterval(expiry))
        guard expiresAt > now else { throw DomainError.unauthorized("token expired") }
        return AccessClaims(
            userID: user, sessionID: session,
            issuedAt: expiresAt.addingTimeInterval(-TimeInterval(accessTokenLifetime)), expiresAt: expiresAt)
    }
}

/// Random refresh tokens; the hash is a deterministic transformation of the token.
struct FakeRefreshTokens: RefreshTokenGenerator {
    func generate() -> String { UUID().uuidString + UUID().uuidString }
    func hash(_ token: String) -> String { "hash:" + String(token.reversed()) }
}
