import Foundation

/// Registers an account: validated, normalized, unique email and username, password hashed.
public struct SignUp: Sendable {
    let users: any UserRepository
    let hasher: any PasswordHasher
    let clock: any Clock
    let ids: any IDGenerator

    /// Stores accounts in `users` with passwords hashed by `hasher`; `clock` and `ids` give time and id.
    public init(users: any UserRepository, hasher: any PasswordHasher, clock: any Clock, ids: any IDGenerator) {
        self.users = users
        self.hasher = hasher
        self.clock = clock
        self.ids = ids
    }

    /// Creates the user. Throws `.invalid` for a bad field and `.conflict` when email or username is taken.
    /// A username is generated from the email when none is given.
    public func callAsFunction(email: String, password: String, name: String, username: String?) async throws -> User {
        let email = try Validation.email(email)
        let password = try Validation.password(password)
        let name = try Validation.name(name)
        let chosen = try username.map(Validation.username)
        if let chosen, try await users.find(username: chosen) != nil {
            throw DomainError.conflict("username is taken")
        }
        if try await users.find(email: email) != nil { throw DomainError.conflict("email is already registered") }
        let username: String
        if let chosen { username = chosen } else { username = try await generatedUsername(from: email) }
        let user = User(
            id: UserID(ids.next()), email: email, username: username,
            name: name, passwordHash: try await hasher.hash(password), createdAt: clock.now()
        )
        try await users.create(user)
        return user
    }

    /// The email's local part reduced to the allowed alphabet, with a numeric suffix until free.
    private func generatedUsername(from email: String) async throws -> String {
        let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789_.")
        var base = String(email.prefix(while: { $0 != "@" }).filter(allowed.contains).prefix(24))
        if base.count < 3 { base = "user" + base }
        if try await users.find(username: base) == nil { return base }
        for _ in 0..<20 {
            let candidate = "\(base)\(Int.random(in: 1000...99_999))"
            if try await users.find(username: candidate) == nil { return candidate }
        }
        return "user" + String(ids.next().uuidString.lowercased().prefix(12).filter(allowed.contains))
    }
}
