import ChatAuth
import ChatDomain
import Foundation
import Testing

@Suite("JWT access tokens")
struct JWTTokenIssuerTests {
    let user = UserID(UUID()), session = SessionID(UUID())
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    func segments(_ token: String) -> [String] { token.split(separator: ".", omittingEmptySubsequences: false).map(String.init) }

    func base64URL(_ json: String) -> String {
        Data(json.utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    func decodeSegment(_ segment: String) -> Data? {
        var base64 = segment.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        return Data(base64Encoded: base64)
    }

    @Test func anIssuedTokenCarriesSubSidIatAndExp() async throws {
        let issuer = await JWTTokenIssuer(secret: "secret-0123456789-0123456789-0123", lifetime: 900)
        let token = try await issuer.issue(user: user, session: session, at: now)
        let claims = try await issuer.verify(token, at: now.addingTimeInterval(60))
        #expect(claims.userID == user)
        #expect(claims.sessionID == session)
        #expect(claims.issuedAt == now)
        #expect(claims.expiresAt == now.addingTimeInterval(900))
        let payload = try #require(decodeSegment(segments(token)[1]))
        let object = try #require(try JSONSerialization.jsonObject(with: payload) as? [String: Any])
        #expect(Set(object.keys) == ["sub", "sid", "iat", "exp"])
        let header = try #require(decodeSegment(segments(token)[0]))
        #expect((try JSONSerialization.jsonObject(with: header) as? [String: Any])?["alg"] as? String == "HS256")
    }

    @Test func anExpiredTokenIsRefused() async throws {
        let issuer = await JWTTokenIssuer(secret: "secret-0123456789-0123456789-0123", lifetime: 900)
        let token = try await issuer.issue(user: user, session: session, at: now)
        await #expect(throws: DomainError.unauthorized("token expired")) {
            try await issuer.verify(token, at: now.addingTimeInterval(901))
        }
    }

    @Test func aTokenSignedWithAnotherSecretIsRefused() async throws {
        let mine = await JWTTokenIssuer(secret: "secret-0123456789-0123456789-0123", lifetime: 900)
        let theirs = await JWTTokenIssuer(secret: "other-secret-0123456789-012345678", lifetime: 900)
        let token = try await theirs.issue(user: user, session: session, at: now)
        await #expect(throws: DomainError.unauthorized("invalid token")) { try await mine.verify(token, at: now) }
    }

    @Test func onlyHS256IsAcceptedWhateverTheSignature() async throws {
        let issuer = await JWTTokenIssuer(secret: "secret-0123456789-0123456789-0123", lifetime: 900)
        let parts = segments(try await issuer.issue(user: user, session: session, at: now))
        for header in [#"{"alg":"none","typ":"JWT"}"#, #"{"alg":"HS512","typ":"JWT"}"#, #"{"typ":"JWT"}"#, "not json"] {
            let forged = "\(base64URL(header)).\(parts[1]).\(parts[2])"
            await #expect(throws: DomainError.unauthorized("invalid token")) { try await issuer.verify(forged, at: now) }
        }
        await #expect(throws: DomainError.unauthorized("invalid token")) { try await issuer.verify("\(parts[0]).\(parts[1]).", at: now) }
        await #expect(throws: DomainError.unauthorized("invalid token")) { try await issuer.verify("garbage", at: now) }
    }
}

@Suite("Passwords and refresh tokens")
struct SecretsTests {
    @Test func bcryptHashesAreSaltedWithCostAtLeastTenAndVerify() async throws {
        let hasher = BcryptPasswordHasher(cost: 4)
        #expect(hasher.cost == 10)
        let first = try await hasher.hash("correct horse")
        let second = try await hasher.hash("correct horse")
        #expect(first != second, "salted")
        #expect(first.hasPrefix("$2b$10$") || first.hasPrefix("$2a$10$") || first.hasPrefix("$2y$10$"))
        #expect(try await hasher.verify("correct horse", against: first))
        #expect(try await !hasher.verify("wrong horse", against: first))
        #expect(try await !hasher.verify("correct horse", against: "not a bcrypt hash"))
    }

    @Test func refreshTokensAre256RandomBitsStoredAsTheirSHA256() {
        let tokens = OpaqueRefreshTokens()
        let generated = (0..<100).map { _ in tokens.generate() }
        #expect(Set(generated).count == 100)
        for token in generated {
            #expect(token.count == 43)
            #expect(token.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })
        }
        let hash = tokens.hash(generated[0])
        #expect(hash == tokens.hash(generated[0]))
        #expect(hash.count == 64 && hash.allSatisfy(\.isHexDigit))
        // SHA-256 of "abc", the FIPS 180-2 example.
        #expect(tokens.hash("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }
}
