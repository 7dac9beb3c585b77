import ChatDomain
import Foundation
import Testing

@Suite struct SignUpTests {
    let world = World()

    @Test func signUpStoresANormalizedAccountWithAHashedPassword() async throws {
        let user = try await world.register(
            email: "  Alice@Example.COM ", password: "correct horse", name: "  Alice  ", username: "Alice_01")
        #expect(user.email == "alice@example.com")
        #expect(user.username == "alice_01")
        #expect(user.name == "Alice")
        #expect(user.passwordHash == "hashed:correct horse")
        #expect(try await world.users.find(id: user.id) == user)
    }

    @Test(arguments: ["", "alice", "alice@", "@example.com", "alice@example", "alice@.com", "al ice@example.com"])
    func signUpRefusesAnInvalidEmail(_ email: String) async throws {
        await #expect(throws: DomainError.invalid(field: "email", reason: "must be a valid email address")) {
            try await world.register(email: email, password: "password1", name: "Alice", username: nil)
        }
    }

    @Test(arguments: ["ab", String(repeating: "a", count: 33), "alice!", "al-ice", "alice bob", "élise"])
    func signUpRefusesAnInvalidUsername(_ username: String) async throws {
        await #expect(throws: DomainError.invalid(field: "username", reason: "3-32 characters of a-z, 0-9, _ and .")) {
            try await world.register(email: "a@example.com", password: "password1", name: "A", username: username)
        }
    }

    @Test(arguments: ["abc", String(repeating: "a", count: 32), "a.b_c9"])
    func signUpAcceptsUsernamesAtTheLimits(_ username: String) async throws {
        let user = try await world.register(
            email: "a@example.com", password: "password1", name: "A", username: username)
        #expect(user.username == username)
    }

    @Test(arguments: [7, 129])
    func signUpRefusesAPasswordOutside8To128Characters(_ length: Int) async throws {
        await #expect(throws: DomainError.invalid(field: "password", reason: "must be 8-128 characters")) {
            try await world.register(
                email: "a@example.com", password: String(repeating: "p", count: length), name: "A", username: nil)
        }
    }

    @Test(arguments: [8, 128])
    func signUpAcceptsPasswordsAtTheLimits(_ length: Int) async throws {
        let user = try await world.register(
            email: "a@example.com", password: String(repeating: "p", count: length), name: "A", username: nil)
        #expect(user.passwordHash == "hashed:" + String(repeating: "p", count: length))
    }

    @Test(arguments: ["", "   ", String(repeating: "n", count: 101)])
    func signUpRefusesANameOutside1To100Characters(_ name: String) async throws {
        await #expect(throws: DomainError.invalid(field: "name", reason: "must be 1-100 characters")) {
            try await world.register(email: "a@example.com", password: "password1", name: name, username: nil)
        }
    }

    @Test func signUpRefusesAnEmailTakenInAnotherCase() async throws {
        try await world.signUp("alice")
        await #expect(throws: DomainError.conflict("email is already registered")) {
            try await world.register(email: "ALICE@example.com", password: "password1", name: "Other", username: "other")
        }
    }

    @Test func signUpRefusesAUsernameTakenInAnotherCase() async throws {
        try await world.signUp("alice")
        await #expect(throws: DomainError.conflict("username is taken")) {
            try await world.register(email: "other@example.com", password: "password1", name: "Other", username: "ALICE")
        }
    }

    @Test func refusedSignUpStoresNothing() async throws {
        try await world.signUp("alice")
        _ = try? await world.register(email: "bob@example.com", password: "short", name: "Bob", username: "bob")
        _ = try? await world.register(email: "alice@example.com", password: "password1", name: "Bob", username: "bob")
        #expect(try await world.users.find(username: "bob") == nil)
        #expect(try await world.users.find(email: "bob@example.com") == nil)
    }

    @Test func signUpWithoutUsernameGeneratesOneFromTheEmail() async throws {
        let user = try await world.register(
            email: "John.Doe+news@example.com", password: "password1", name: "John", username: nil)
        #expect(user.username == "john.doenews")
    }

    @Test func generatedUsernameAvoidsOneAlreadyTaken() async throws {
        try await world.signUp("john")
        let user = try await world.register(email: "john@example.org", password: "password1", name: "John", username: nil)
        #expect(user.username != "john")
        #expect(user.username.hasPrefix("john"))
        #expect(try Validation.username(user.username) == user.username)
    }

    @Test func generatedUsernameIsPaddedWhenTheEmailGivesTooFewLetters() async throws {
        let user = try await world.register(email: "jo@example.com", password: "password1", name: "Jo", username: nil)
        #expect(user.username == "userjo")
    }

    @Test func checkUsernameTellsWhetherAUsernameIsFree() async throws {
        try await world.signUp("alice")
        #expect(try await world.checkUsername("ALICE") == false)
        #expect(try await world.checkUsername("bob") == true)
        await #expect(throws: DomainError.self) { try await world.checkUsername("a!") }
    }
}
