import ChatDomain
import Foundation
import Testing

@Suite struct LoginTests {
    let world = World()

    @Test func loginByEmailInAnyCaseOpensASession() async throws {
        let alice = try await world.signUp("alice")
        let result = try await world.logIn(
            .email(" ALICE@example.com "), password: World.password("alice"), device: .web, deviceName: "Firefox",
            userAgent: "Mozilla/5.0")
        #expect(result.user.id == alice.id)
        #expect(result.session.userID == alice.id)
        #expect(result.session.deviceType == .web)
        #expect(result.session.deviceName == "Firefox")
        #expect(result.expiresIn == 900)
        #expect(try await world.sessions.find(id: result.session.id) == result.session)
    }

    @Test func loginByEmailIgnoresSurroundingWhitespaceAndNewlinesAsSignUpDoes() async throws {
        let alice = try await world.register(
            email: "alice@example.com\n", password: "password1", name: "Alice", username: nil)
        let result = try await world.logIn(
            .email("\talice@example.com\r\n"), password: "password1", device: .web, deviceName: nil, userAgent: nil)
        #expect(result.user.id == alice.id)
    }

    @Test func loginByUsernameInAnyCaseOpensASession() async throws {
        let alice = try await world.signUp("alice")
        let result = try await world.logIn(
            .username("Alice"), password: World.password("alice"), device: .mobile, deviceName: nil, userAgent: nil)
        #expect(result.user.id == alice.id)
    }

    @Test func loginHandsOutAnAccessTokenThatAuthenticates() async throws {
        let alice = try await world.signUp("alice")
        let result = try await world.login("alice")
        let claims = try await world.authenticate(accessToken: result.accessToken)
        #expect(claims.userID == alice.id)
        #expect(claims.sessionID == result.session.id)
    }

    @Test func refreshTokenIsStoredOnlyAsItsHash() async throws {
        try await world.signUp("alice")
        let result = try await world.login("alice")
        let stored = try #require(try await world.sessions.find(id: result.session.id))
        #expect(stored.refreshTokenHash == FakeRefreshTokens().hash(result.refreshToken))
        #expect(stored.refreshTokenHash != result.refreshToken)
    }

    @Test func wrongPasswordIsRefusedAsInvalidCredentials() async throws {
        try await world.signUp("alice")
        await #expect(throws: DomainError.unauthorized("invalid credentials")) {
            try await world.logIn(.username("alice"), password: "not-her-password", device: .web, deviceName: nil, userAgent: nil)
        }
        await #expect(throws: DomainError.unauthorized("invalid credentials")) {
            try await world.logIn(.email("alice@example.com"), password: "not-her-password", device: .web, deviceName: nil, userAgent: nil)
        }
    }

    @Test func unknownAccountIsRefusedExactlyLikeAWrongPassword() async throws {
        try await world.signUp("alice")
        await #expect(throws: DomainError.unauthorized("invalid credentials")) {
            try await world.logIn(.username("nobody"), password: World.password("alice"), device: .web, deviceName: nil, userAgent: nil)
        }
        await #expect(throws: DomainError.unauthorized("invalid credentials")) {
            try await world.logIn(.email("nobody@example.com"), password: "password1", device: .web, deviceName: nil, userAgent: nil)
        }
    }

    @Test func refusedLoginOpensNoSession() async throws {
        let alice = try await world.signUp("alice")
        _ = try? await world.logIn(.username("alice"), password: "wrong-password", device: .web, deviceName: nil, userAgent: nil)
        #expect(try await world.sessions.active(user: alice.id, at: world.clock.now()).isEmpty)
    }

    @Test func expiredAccessTokenNoLongerAuthenticates() async throws {
        try await world.signUp("alice")
        let result = try await world.login("alice")
        world.clock.advance(by: 899)
        _ = try await world.authenticate(accessToken: result.accessToken)
        world.clock.advance(by: 1)
        await #expect(throws: DomainError.unauthorized("token expired")) {
            try await world.authenticate(accessToken: result.accessToken)
        }
    }

    @Test func garbageAccessTokenDoesNotAuthenticate() async throws {
        await #expect(throws: DomainError.unauthorized("malformed token")) {
            try await world.authenticate(accessToken: "not-a-token")
        }
    }
}
