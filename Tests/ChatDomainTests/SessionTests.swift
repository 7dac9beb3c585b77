import ChatDomain
import Foundation
import Testing

@Suite struct SessionTests {
    let world = World()

    private func hash(_ token: String) -> String { FakeRefreshTokens().hash(token) }

    @Test func refreshRotatesTheRefreshTokenAndIssuesANewAccessToken() async throws {
        let alice = try await world.signUp("alice")
        let first = try await world.login("alice")
        world.clock.advance(by: 60)
        let second = try await world.refresh(refreshToken: first.refreshToken)
        #expect(second.refreshToken != first.refreshToken)
        #expect(second.session.id == first.session.id)
        #expect(second.user.id == alice.id)
        #expect(second.session.lastUsedAt == world.clock.now())
        #expect(try await world.sessions.match(refreshTokenHash: hash(first.refreshToken)) == .retired(
            try #require(try await world.sessions.find(id: first.session.id))))
        guard case .current(let session) = try await world.sessions.match(refreshTokenHash: hash(second.refreshToken))
        else { Issue.record("the new refresh token is not current"); return }
        #expect(session.id == first.session.id)
        #expect(try await world.authenticate(accessToken: second.accessToken).sessionID == first.session.id)
    }

    @Test func aTokenWhoseSessionBelongsToAnotherUserIsRefused() async throws {
        let alice = try await world.signUp("alice")
        try await world.signUp("bob")
        let bobs = try await world.login("bob")
        let forged = try await world.tokens.issuer.issue(user: alice.id, session: bobs.session.id, at: world.clock.now())
        await #expect(throws: DomainError.unauthorized("session revoked")) {
            try await world.authenticate(accessToken: forged)
        }
        #expect(try await world.authenticate(accessToken: bobs.accessToken).userID != alice.id)
    }

    @Test func rotatedRefreshTokenCanBeRotatedAgain() async throws {
        try await world.signUp("alice")
        let first = try await world.login("alice")
        let second = try await world.refresh(refreshToken: first.refreshToken)
        let third = try await world.refresh(refreshToken: second.refreshToken)
        #expect(third.session.id == first.session.id)
        #expect(Set([first.refreshToken, second.refreshToken, third.refreshToken]).count == 3)
    }

    @Test func reusedRefreshTokenRevokesTheSession() async throws {
        try await world.signUp("alice")
        let first = try await world.login("alice")
        let second = try await world.refresh(refreshToken: first.refreshToken)
        await #expect(throws: DomainError.unauthorized("refresh token reuse detected; the session was revoked")) {
            try await world.refresh(refreshToken: first.refreshToken)
        }
        #expect(try await world.sessions.find(id: first.session.id)?.revokedAt == world.clock.now())
        // The legitimate holder's newest tokens die with the session.
        await #expect(throws: DomainError.unauthorized("session expired or revoked")) {
            try await world.refresh(refreshToken: second.refreshToken)
        }
        await #expect(throws: DomainError.unauthorized("session revoked")) {
            try await world.authenticate(accessToken: second.accessToken)
        }
        await #expect(throws: DomainError.unauthorized("session revoked")) {
            try await world.authenticate(accessToken: first.accessToken)
        }
        #expect(await world.events.revokedSessions == [[first.session.id]])
        #expect(await world.gate.invalidated == [first.session.id])
    }

    @Test func reuseRevokesOnlyTheLeakedSession() async throws {
        try await world.signUp("alice")
        let phone = try await world.login("alice", device: .mobile)
        let laptop = try await world.login("alice", device: .web)
        _ = try await world.refresh(refreshToken: phone.refreshToken)
        _ = try? await world.refresh(refreshToken: phone.refreshToken)
        #expect(try await world.authenticate(accessToken: laptop.accessToken).sessionID == laptop.session.id)
        _ = try await world.refresh(refreshToken: laptop.refreshToken)
    }

    @Test func unknownRefreshTokenIsRefused() async throws {
        await #expect(throws: DomainError.unauthorized("invalid refresh token")) {
            try await world.refresh(refreshToken: "never-issued")
        }
    }

    @Test func expiredSessionCannotBeRefreshed() async throws {
        try await world.signUp("alice")
        let result = try await world.login("alice")
        world.clock.advance(by: 30 * 86_400)
        await #expect(throws: DomainError.unauthorized("session expired or revoked")) {
            try await world.refresh(refreshToken: result.refreshToken)
        }
    }

    @Test func refreshExtendsTheSessionLifetime() async throws {
        try await world.signUp("alice")
        var result = try await world.login("alice")
        world.clock.advance(by: 20 * 86_400)
        result = try await world.refresh(refreshToken: result.refreshToken)
        world.clock.advance(by: 20 * 86_400)
        let later = try await world.refresh(refreshToken: result.refreshToken)
        #expect(later.session.expiresAt == world.clock.now().addingTimeInterval(30 * 86_400))
    }

    @Test func logoutRevokesTheSessionAndItsAccessTokenAtOnce() async throws {
        let alice = try await world.signUp("alice")
        let result = try await world.login("alice")
        try await world.revokeSession(user: alice.id, session: result.session.id)
        await #expect(throws: DomainError.unauthorized("session revoked")) {
            try await world.authenticate(accessToken: result.accessToken)
        }
        await #expect(throws: DomainError.unauthorized("session expired or revoked")) {
            try await world.refresh(refreshToken: result.refreshToken)
        }
        #expect(await world.events.revokedSessions == [[result.session.id]])
        #expect(try await world.listSessions(user: alice.id, current: result.session.id).isEmpty)
    }

    @Test func logoutAllRevokesEverySessionOfTheUserOnly() async throws {
        let alice = try await world.signUp("alice")
        try await world.signUp("bob")
        let phone = try await world.login("alice", device: .mobile)
        let laptop = try await world.login("alice", device: .web)
        let bobs = try await world.login("bob")
        let revoked = try await world.revoker.revokeAll(of: alice.id)
        #expect(Set(revoked) == [phone.session.id, laptop.session.id])
        for token in [phone.accessToken, laptop.accessToken] {
            await #expect(throws: DomainError.unauthorized("session revoked")) {
                try await world.authenticate(accessToken: token)
            }
        }
        #expect(try await world.authenticate(accessToken: bobs.accessToken).userID == bobs.user.id)
        #expect(await world.events.revokedSessions.map(Set.init) == [[phone.session.id, laptop.session.id]])
    }

    @Test func revokingAnotherUsersSessionIsNotFound() async throws {
        let alice = try await world.signUp("alice")
        try await world.signUp("bob")
        let bobs = try await world.login("bob")
        await #expect(throws: DomainError.notFound("session not found")) {
            try await world.revokeSession(user: alice.id, session: bobs.session.id)
        }
        #expect(try await world.authenticate(accessToken: bobs.accessToken).userID == bobs.user.id)
        #expect(await world.events.revokedSessions.isEmpty)
    }

    @Test func revokingAnAlreadyRevokedSessionAnnouncesNothingNew() async throws {
        let alice = try await world.signUp("alice")
        let result = try await world.login("alice")
        try await world.revokeSession(user: alice.id, session: result.session.id)
        try await world.revokeSession(user: alice.id, session: result.session.id)
        #expect(await world.events.revokedSessions == [[result.session.id]])
    }

    @Test func reusingARotatedTokenAgainAnnouncesTheRevocationOnlyOnce() async throws {
        try await world.signUp("alice")
        let first = try await world.login("alice")
        _ = try await world.refresh(refreshToken: first.refreshToken)
        for _ in 0..<2 {
            await #expect(throws: DomainError.unauthorized("refresh token reuse detected; the session was revoked")) {
                try await world.refresh(refreshToken: first.refreshToken)
            }
        }
        #expect(await world.events.revokedSessions == [[first.session.id]])
    }

    @Test func revokingAnUnknownSessionIsNotFound() async throws {
        let alice = try await world.signUp("alice")
        await #expect(throws: DomainError.notFound("session not found")) {
            try await world.revokeSession(user: alice.id, session: SessionID(UUID()))
        }
    }

    @Test func sessionListShowsActiveSessionsNewestFirstAndMarksTheCurrentOne() async throws {
        let alice = try await world.signUp("alice")
        let phone = try await world.login("alice", device: .mobile)
        world.clock.advance(by: 10)
        let laptop = try await world.login("alice", device: .web)
        world.clock.advance(by: 10)
        let old = try await world.login("alice", device: .web)
        try await world.revokeSession(user: alice.id, session: old.session.id)
        let list = try await world.listSessions(user: alice.id, current: phone.session.id)
        #expect(list.map(\.session.id) == [laptop.session.id, phone.session.id])
        #expect(list.map(\.isCurrent) == [false, true])
    }
}
