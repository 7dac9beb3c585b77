import ChatDomain
import Foundation
import Testing

@Suite("SessionRepository contract")
struct SessionRepositoryContract {
    @Test(arguments: repositoryFactories)
    func createdSessionIsFoundAndMatchedByItsCurrentHash(_ factory: any RepositoryFactory) async throws {
        try await withRepositories(factory) { repos in
            let alice = try await repos.seedUsers("Alice")[0]
            let session = Fixture.session(alice, hash: "h1")
            try await repos.sessions.create(session)
            #expect(try await repos.sessions.find(id: session.id) == session)
            #expect(try await repos.sessions.find(id: SessionID(UUID())) == nil)
            #expect(try await repos.sessions.match(refreshTokenHash: "h1") == .current(session))
            #expect(try await repos.sessions.match(refreshTokenHash: "nope") == .unknown)
        }
    }

    @Test(arguments: repositoryFactories)
    func rotationSwapsTheHashRetiresTheOldOneAndBumpsTimes(_ factory: any RepositoryFactory) async throws {
        try await withRepositories(factory) { repos in
            let alice = try await repos.seedUsers("Alice")[0]
            var session = Fixture.session(alice, hash: "h1")
            try await repos.sessions.create(session)
            #expect(try await repos.sessions.rotate(
                session: session.id, from: "h1", to: "h2", at: at(1_000), expiresAt: at(90_000_000)))
            session.refreshTokenHash = "h2"
            session.lastUsedAt = at(1_000)
            session.expiresAt = at(90_000_000)
            #expect(try await repos.sessions.find(id: session.id) == session)
            #expect(try await repos.sessions.match(refreshTokenHash: "h2") == .current(session))
            #expect(try await repos.sessions.match(refreshTokenHash: "h1") == .retired(session))
        }
    }

    @Test(arguments: repositoryFactories)
    func aSecondRotationFromTheSameOldHashFails(_ factory: any RepositoryFactory) async throws {
        try await withRepositories(factory) { repos in
            let alice = try await repos.seedUsers("Alice")[0]
            let session = Fixture.session(alice, hash: "h1")
            try await repos.sessions.create(session)
            #expect(try await repos.sessions.rotate(session: session.id, from: "h1", to: "h2", at: at(1), expiresAt: at(99)))
            #expect(try await !repos.sessions.rotate(session: session.id, from: "h1", to: "h3", at: at(2), expiresAt: at(99)))
            #expect(try await repos.sessions.find(id: session.id)?.refreshTokenHash == "h2")
            #expect(try await repos.sessions.match(refreshTokenHash: "h3") == .unknown)
        }
    }

    @Test(arguments: repositoryFactories)
    func concurrentRotationsFromOneHashHaveOneWinner(_ factory: any RepositoryFactory) async throws {
        try await withRepositories(factory) { repos in
            let alice = try await repos.seedUsers("Alice")[0]
            let session = Fixture.session(alice, hash: "h0")
            try await repos.sessions.create(session)
            let winners = try await withThrowingTaskGroup(of: String?.self) { group in
                for index in 1...10 {
                    group.addTask {
                        let won = try await repos.sessions.rotate(
                            session: session.id, from: "h0", to: "new-\(index)", at: at(5), expiresAt: at(99))
                        return won ? "new-\(index)" : nil
                    }
                }
                return try await group.reduce(into: [String]()) { if let w = $1 { $0.append(w) } }
            }
            #expect(winners.count == 1)
            #expect(try await repos.sessions.find(id: session.id)?.refreshTokenHash == winners.first)
        }
    }

    @Test(arguments: repositoryFactories)
    func revokedOrMissingSessionsCannotRotate(_ factory: any RepositoryFactory) async throws {
        try await withRepositories(factory) { repos in
            let alice = try await repos.seedUsers("Alice")[0]
            let session = Fixture.session(alice, hash: "h1")
            try await repos.sessions.create(session)
            _ = try await repos.sessions.revoke(id: session.id, at: at(1))
            #expect(try await !repos.sessions.rotate(session: session.id, from: "h1", to: "h2", at: at(2), expiresAt: at(99)))
            #expect(try await !repos.sessions.rotate(session: SessionID(UUID()), from: "h1", to: "h3", at: at(2), expiresAt: at(99)))
        }
    }

    @Test(arguments: repositoryFactories)
    func revokeIsIdempotentAndTellsWhetherItRevoked(_ factory: any RepositoryFactory) async throws {
        try await withRepositories(factory) { repos in
            let alice = try await repos.seedUsers("Alice")[0]
            let session = Fixture.session(alice, hash: "h1")
            try await repos.sessions.create(session)
            #expect(try await repos.sessions.revoke(id: session.id, at: at(10)))
            #expect(try await !repos.sessions.revoke(id: session.id, at: at(20)))
            #expect(try await repos.sessions.find(id: session.id)?.revokedAt == at(10))
            #expect(try await !repos.sessions.revoke(id: SessionID(UUID()), at: at(20)))
            if case .current(let matched) = try await repos.sessions.match(refreshTokenHash: "h1") {
                #expect(matched.revokedAt == at(10))
            } else {
                Issue.record("a revoked session's hash still matches its session")
            }
        }
    }

    @Test(arguments: repositoryFactories)
    func revokeAllRevokesEveryActiveSessionOfTheUserOnly(_ factory: any RepositoryFactory) async throws {
        try await withRepositories(factory) { repos in
            let users = try await repos.seedUsers("Alice", "Bob")
            let phone = Fixture.session(users[0], hash: "a1", created: 1)
            let laptop = Fixture.session(users[0], hash: "a2", created: 2)
            let expired = Fixture.session(users[0], hash: "a3", created: 3, expires: 50)
            let alreadyRevoked = Fixture.session(users[0], hash: "a4", created: 4)
            let bobs = Fixture.session(users[1], hash: "b1")
            for session in [phone, laptop, expired, alreadyRevoked, bobs] { try await repos.sessions.create(session) }
            _ = try await repos.sessions.revoke(id: alreadyRevoked.id, at: at(60))
            let revoked = try await repos.sessions.revokeAll(user: users[0].id, at: at(100))
            #expect(Set(revoked) == [phone.id, laptop.id])
            #expect(revoked.count == 2)
            #expect(try await repos.sessions.active(user: users[0].id, at: at(100)).isEmpty)
            #expect(try await repos.sessions.find(id: alreadyRevoked.id)?.revokedAt == at(60))
            #expect(try await repos.sessions.active(user: users[1].id, at: at(100)) == [bobs])
        }
    }

    @Test(arguments: repositoryFactories)
    func activeListsUnrevokedUnexpiredSessionsNewestFirst(_ factory: any RepositoryFactory) async throws {
        try await withRepositories(factory) { repos in
            let alice = try await repos.seedUsers("Alice")[0]
            let old = Fixture.session(alice, hash: "1", created: 10)
            let new = Fixture.session(alice, hash: "2", created: 20)
            let revoked = Fixture.session(alice, hash: "3", created: 30)
            let expired = Fixture.session(alice, hash: "4", created: 40, expires: 1_000)
            for session in [old, new, revoked, expired] { try await repos.sessions.create(session) }
            _ = try await repos.sessions.revoke(id: revoked.id, at: at(50))
            #expect(try await repos.sessions.active(user: alice.id, at: at(1_000)) == [new, old])
            #expect(try await repos.sessions.active(user: alice.id, at: at(999)).map(\.id) == [expired.id, new.id, old.id])
        }
    }

    @Test(arguments: repositoryFactories)
    func aRefreshHashBelongsToOneSession(_ factory: any RepositoryFactory) async throws {
        try await withRepositories(factory) { repos in
            let alice = try await repos.seedUsers("Alice")[0]
            try await repos.sessions.create(Fixture.session(alice, hash: "same"))
            await expectConflict { try await repos.sessions.create(Fixture.session(alice, hash: "same")) }
        }
    }
}
