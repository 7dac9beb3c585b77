import ChatDomain
import Foundation
import Testing

@Suite("UserRepository contract")
struct UserRepositoryContract {
    @Test(arguments: repositoryFactories)
    func createdUserIsFoundByIdEmailAndUsername(_ factory: any RepositoryFactory) async throws {
        try await withRepositories(factory) { repos in
            var user = Fixture.user("Alice")
            user.avatarFileID = FileID(UUID())
            user.lastSeenAt = at(5)
            try await repos.users.create(user)
            #expect(try await repos.users.find(id: user.id) == user)
            #expect(try await repos.users.find(email: "alice@example.com") == user)
            #expect(try await repos.users.find(username: "alice") == user)
        }
    }

    @Test(arguments: repositoryFactories)
    func unknownUsersAreNil(_ factory: any RepositoryFactory) async throws {
        try await withRepositories(factory) { repos in
            _ = try await repos.seedUsers("Alice")
            #expect(try await repos.users.find(id: UserID(UUID())) == nil)
            #expect(try await repos.users.find(email: "bob@example.com") == nil)
            #expect(try await repos.users.find(username: "bob") == nil)
        }
    }

    @Test(arguments: repositoryFactories)
    func duplicateEmailIsAConflict(_ factory: any RepositoryFactory) async throws {
        try await withRepositories(factory) { repos in
            let alice = Fixture.user("Alice")
            try await repos.users.create(alice)
            var other = Fixture.user("Other")
            other.email = alice.email
            await expectConflict { try await repos.users.create(other) }
            #expect(try await repos.users.find(id: other.id) == nil)
        }
    }

    @Test(arguments: repositoryFactories)
    func duplicateUsernameIsAConflict(_ factory: any RepositoryFactory) async throws {
        try await withRepositories(factory) { repos in
            let alice = Fixture.user("Alice")
            try await repos.users.create(alice)
            var other = Fixture.user("Other")
            other.username = alice.username
            await expectConflict { try await repos.users.create(other) }
            #expect(try await repos.users.find(id: other.id) == nil)
        }
    }

    @Test(arguments: repositoryFactories)
    func findIdsReturnsOnlyThoseThatExist(_ factory: any RepositoryFactory) async throws {
        try await withRepositories(factory) { repos in
            let users = try await repos.seedUsers("Alice", "Bob", "Carol")
            let found = try await repos.users.find(ids: [users[0].id, users[2].id, UserID(UUID()), users[0].id])
            #expect(Set(found.map(\.id)) == [users[0].id, users[2].id])
            #expect(found.count == 2)
            #expect(try await repos.users.find(ids: []).isEmpty)
        }
    }

    @Test(arguments: repositoryFactories)
    func updateProfileReplacesNameUsernameAndAvatar(_ factory: any RepositoryFactory) async throws {
        try await withRepositories(factory) { repos in
            var alice = try await repos.seedUsers("Alice")[0]
            alice.name = "Alice Liddell"
            alice.username = "liddell"
            alice.avatarFileID = FileID(UUID())
            try await repos.users.updateProfile(alice)
            #expect(try await repos.users.find(id: alice.id) == alice)
            #expect(try await repos.users.find(username: "alice") == nil)
        }
    }

    @Test(arguments: repositoryFactories)
    func updateProfileToATakenUsernameIsAConflict(_ factory: any RepositoryFactory) async throws {
        try await withRepositories(factory) { repos in
            let users = try await repos.seedUsers("Alice", "Bob")
            var bob = users[1]
            bob.username = "alice"
            await expectConflict { try await repos.users.updateProfile(bob) }
            #expect(try await repos.users.find(id: bob.id)?.username == "bob")
        }
    }

    @Test(arguments: repositoryFactories)
    func updateProfileOfAMissingUserIsNotFound(_ factory: any RepositoryFactory) async throws {
        try await withRepositories(factory) { repos in
            await expectDomainError("NOT_FOUND") { try await repos.users.updateProfile(Fixture.user("Ghost")) }
        }
    }

    @Test(arguments: repositoryFactories)
    func lastSeenIsRecorded(_ factory: any RepositoryFactory) async throws {
        try await withRepositories(factory) { repos in
            let alice = try await repos.seedUsers("Alice")[0]
            try await repos.users.setLastSeen(alice.id, at: at(42_000))
            #expect(try await repos.users.find(id: alice.id)?.lastSeenAt == at(42_000))
        }
    }

    @Test(arguments: repositoryFactories)
    func searchMatchesUsernameOrNamePrefixIgnoringCaseOrderedByUsername(_ factory: any RepositoryFactory) async throws {
        try await withRepositories(factory) { repos in
            try await createSearchPopulation(repos)
            let found = try await repos.users.search(prefix: "AL", after: nil, limit: 10)
            #expect(found.map(\.username) == ["albert", "alice", "bob"])
            #expect(try await repos.users.search(prefix: "ALFRED B", after: nil, limit: 10).map(\.username) == ["bob"])
            #expect(try await repos.users.search(prefix: "x", after: nil, limit: 10).isEmpty)
        }
    }

    @Test(arguments: repositoryFactories)
    func searchPagesByUsernameCursorAndLimit(_ factory: any RepositoryFactory) async throws {
        try await withRepositories(factory) { repos in
            try await createSearchPopulation(repos)
            let first = try await repos.users.search(prefix: "al", after: nil, limit: 2)
            #expect(first.map(\.username) == ["albert", "alice"])
            let second = try await repos.users.search(prefix: "al", after: first.last?.username, limit: 2)
            #expect(second.map(\.username) == ["bob"])
            #expect(try await repos.users.search(prefix: "al", after: "bob", limit: 2).isEmpty)
        }
    }

    @Test(arguments: repositoryFactories)
    func searchTreatsWildcardsLiterally(_ factory: any RepositoryFactory) async throws {
        try await withRepositories(factory) { repos in
            try await createSearchPopulation(repos)
            #expect(try await repos.users.search(prefix: "%", after: nil, limit: 10).isEmpty)
            #expect(try await repos.users.search(prefix: "_l", after: nil, limit: 10).isEmpty)
        }
    }

    /// albert "Zed", alice "Alice Liddell", bob "Alfred Bobson", carol "Carol".
    private func createSearchPopulation(_ repos: Repositories) async throws {
        for (username, name) in [("carol", "Carol"), ("bob", "Alfred Bobson"), ("alice", "Alice Liddell"), ("albert", "Zed")] {
            var user = Fixture.user(username)
            user.name = name
            try await repos.users.create(user)
        }
    }
}
