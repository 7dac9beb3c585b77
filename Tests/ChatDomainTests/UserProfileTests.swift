import ChatDomain
import Foundation
import Testing

@Suite struct UserProfileTests {
    let world = World()

    @Test func publicProfileNeverCarriesEmailOrPasswordHash() async throws {
        let alice = try await world.signUp("alice")
        let profile = try await world.getProfile.public(alice.id)
        let json = try #require(
            try JSONSerialization.jsonObject(with: JSONEncoder().encode(profile)) as? [String: Any])
        #expect(json["email"] == nil)
        #expect(json["passwordHash"] == nil)
        #expect(json["username"] as? String == "alice")
        let text = try #require(String(data: try JSONEncoder().encode(profile), encoding: .utf8))
        #expect(!text.contains("alice@example.com"))
        #expect(!text.contains("hashed:"))
    }

    @Test func ownProfileCarriesEmailButNeverThePasswordHash() async throws {
        let alice = try await world.signUp("alice")
        let profile = try await world.getProfile.own(alice.id)
        let text = try #require(String(data: try JSONEncoder().encode(profile), encoding: .utf8))
        #expect(profile.email == "alice@example.com")
        #expect(!text.contains("hashed:"))
        #expect(!text.contains("passwordHash"))
    }

    @Test func unknownUserIsNotFound() async throws {
        await #expect(throws: DomainError.notFound("user not found")) {
            try await world.getProfile.public(UserID(UUID()))
        }
    }

    @Test func searchFindsUsersByPrefixOfUsernameOrNameInAnyCase() async throws {
        try await world.signUp("anna", name: "Anna")
        try await world.signUp("zed", name: "Annabel Zed")
        try await world.signUp("bob", name: "Bob")
        try await world.signUp("joanna", name: "Jo")
        let found = try await world.searchUsers(query: "  ANN ", limit: nil, cursor: nil)
        #expect(found.items.map(\.username) == ["anna", "zed"])
        #expect(found.nextCursor == nil)
    }

    @Test func searchPagesThroughResultsWithACursor() async throws {
        for handle in ["sam1", "sam2", "sam3", "sam4", "sam5"] { try await world.signUp(handle) }
        let first = try await world.searchUsers(query: "sam", limit: 2, cursor: nil)
        #expect(first.items.map(\.username) == ["sam1", "sam2"])
        #expect(first.nextCursor == "sam2")
        let second = try await world.searchUsers(query: "sam", limit: 2, cursor: first.nextCursor)
        #expect(second.items.map(\.username) == ["sam3", "sam4"])
        let third = try await world.searchUsers(query: "sam", limit: 2, cursor: second.nextCursor)
        #expect(third.items.map(\.username) == ["sam5"])
        #expect(third.nextCursor == nil)
    }

    @Test func searchWhoseLastPageIsFullEndsWithoutCursor() async throws {
        for handle in ["sam1", "sam2"] { try await world.signUp(handle) }
        let page = try await world.searchUsers(query: "sam", limit: 2, cursor: nil)
        #expect(page.items.count == 2)
        #expect(page.nextCursor == nil)
    }

    @Test(arguments: ["", "   ", String(repeating: "a", count: 101)])
    func searchRefusesAnEmptyOrOverlongQuery(_ query: String) async throws {
        await #expect(throws: DomainError.invalid(field: "q", reason: "1-100 characters")) {
            try await world.searchUsers(query: query, limit: nil, cursor: nil)
        }
    }

    @Test(arguments: [0, 51])
    func searchRefusesALimitOutside1To50(_ limit: Int) async throws {
        await #expect(throws: DomainError.invalid(field: "limit", reason: "must be between 1 and 50")) {
            try await world.searchUsers(query: "a", limit: limit, cursor: nil)
        }
    }

    @Test func updateProfileChangesNameAndUsername() async throws {
        let alice = try await world.signUp("alice")
        let updated = try await world.updateProfile(alice.id, name: " Alice L. ", username: "Alice_L")
        #expect(updated.name == "Alice L.")
        #expect(updated.username == "alice_l")
        #expect(try await world.getProfile.public(alice.id).username == "alice_l")
        #expect(try await world.checkUsername("alice") == true)
    }

    @Test func updateProfileRefusesAUsernameTakenInAnotherCase() async throws {
        let alice = try await world.signUp("alice")
        try await world.signUp("bob")
        await #expect(throws: DomainError.conflict("username is taken")) {
            try await world.updateProfile(alice.id, name: nil, username: "BOB")
        }
        #expect(try await world.getProfile.own(alice.id).username == "alice")
    }

    @Test func updateProfileKeepingOnesOwnUsernameIsFine() async throws {
        let alice = try await world.signUp("alice")
        let updated = try await world.updateProfile(alice.id, name: "Al", username: "ALICE")
        #expect(updated.username == "alice")
        #expect(updated.name == "Al")
    }

    @Test func updateProfileRefusesInvalidValues() async throws {
        let alice = try await world.signUp("alice")
        await #expect(throws: DomainError.invalid(field: "username", reason: "3-32 characters of a-z, 0-9, _ and .")) {
            try await world.updateProfile(alice.id, name: nil, username: "a b")
        }
        await #expect(throws: DomainError.invalid(field: "name", reason: "must be 1-100 characters")) {
            try await world.updateProfile(alice.id, name: "", username: nil)
        }
        #expect(try await world.getProfile.own(alice.id).name == "Alice")
    }
}
