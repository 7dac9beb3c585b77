import ChatDomain
import Foundation
import JWTKit

/// HS256 access tokens with the claims `sub` (user), `sid` (session), `iat` and `exp`.
/// The algorithm is pinned: a token whose header names anything but HS256 is refused before its signature
/// is even looked at.
public struct JWTTokenIssuer: TokenIssuer {
    public let accessTokenLifetime: Int
    private let keys: JWTKeyCollection

    /// An issuer signing with `secret`; tokens live `lifetime` seconds.
    public init(secret: String, lifetime: Int) async {
        accessTokenLifetime = lifetime
        keys = JWTKeyCollection()
        await keys.add(hmac: HMACKey(from: secret), digestAlgorithm: .sha256)
    }

    public func issue(user: UserID, session: SessionID, at now: Date) async throws -> String {
        let issuedAt = Date(timeIntervalSince1970: now.timeIntervalSince1970.rounded(.down))
        let payload = AccessTokenPayload(
            sub: .init(value: user.description), sid: session.description, iat: .init(value: issuedAt),
            exp: .init(value: issuedAt.addingTimeInterval(TimeInterval(accessTokenLifetime))))
        return try await keys.sign(payload, header: ["alg": "HS256", "typ": "JWT"])
    }

    public func verify(_ token: String, at now: Date) async throws -> AccessClaims {
        guard Self.headerAlgorithm(of: token) == "HS256" else { throw DomainError.unauthorized("invalid token") }
        let payload: AccessTokenPayload
        do {
            payload = try await keys.verify(token, as: AccessTokenPayload.self)
        } catch {
            throw DomainError.unauthorized("invalid token")
        }
        guard payload.exp.value > now else { throw DomainError.unauthorized("token expired") }
        guard let user = UserID(payload.sub.value), let session = SessionID(payload.sid) else {
            throw DomainError.unauthorized("invalid token")
        }
        return AccessClaims(userID: user, sessionID: session, issuedAt: payload.iat.value, expiresAt: payload.exp.value)
    }

    /// The `alg` of the token's header, or nil when the header is not base64url JSON.
    static func headerAlgorithm(of token: String) -> String? {
        guard let encoded = token.split(separator: ".", omittingEmptySubsequences: false).first,
            let data = Data(base64URLEncoded: String(encoded)),
            let header = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        else { return nil }
        return header["alg"] as? String
    }
}

/// The access token's claims as signed.
struct AccessTokenPayload: JWTPayload {
    var sub: SubjectClaim
    var sid: String
    var iat: IssuedAtClaim
    var exp: ExpirationClaim

    /// Expiry is checked by `JWTTokenIssuer.verify` against the injected clock, so tests can move time.
    func verify(using algorithm: some JWTAlgorithm) async throws {}
}

extension Data {
    /// Decodes unpadded base64url; nil when malformed.
    init?(base64URLEncoded string: String) {
        var base64 = string.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        self.init(base64Encoded: base64)
    }
}
