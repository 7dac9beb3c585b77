import Foundation

/// Reads profiles: one's own (with email) and others' (public only).
public struct GetProfile: Sendable {
    let users: any UserRepository

    /// Reads from `users`.
    public init(users: any UserRepository) { self.users = users }

    /// The caller's own profile. Throws `.unauthorized` when the account is gone.
    public func own(_ user: UserID) async throws -> OwnProfile {
        guard let found = try await users.find(id: user) else { throw DomainError.unauthorized("account not found") }
        return OwnProfile(found)
    }

    /// Another user's public profile. Throws `.notFound`.
    public func `public`(_ user: UserID) async throws -> PublicProfile {
        guard let found = try await users.find(id: user) else { throw DomainError.notFound("user not found") }
        return PublicProfile(found)
    }
}

/// Changes the caller's name and username; nothing else is writable.
public struct UpdateProfile: Sendable {
    let users: any UserRepository

    /// Reads and writes `users`.
    public init(users: any UserRepository) { self.users = users }

    /// The updated profile. Throws `.invalid` for bad values and `.conflict` when the username is taken.
    public func callAsFunction(_ user: UserID, name: String?, username: String?) async throws -> OwnProfile {
        guard var found = try await users.find(id: user) else { throw DomainError.unauthorized("account not found") }
        if let name { found.name = try Validation.name(name) }
        if let username {
            let normalized = try Validation.username(username)
            if normalized != found.username, try await users.find(username: normalized) != nil {
                throw DomainError.conflict("username is taken")
            }
            found.username = normalized
        }
        try await users.updateProfile(found)
        return OwnProfile(found)
    }
}

/// Finds users by the prefix of their username or name.
public struct SearchUsers: Sendable {
    let users: any UserRepository

    /// Searches `users`.
    public init(users: any UserRepository) { self.users = users }

    /// One page of public profiles ordered by username, and the cursor of the next page (nil at the end).
    public func callAsFunction(query: String, limit: Int?, cursor: String?) async throws -> (
        items: [PublicProfile], nextCursor: String?
    ) {
        let prefix = query.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        guard !prefix.isEmpty, prefix.count <= 100 else {
            throw DomainError.invalid(field: "q", reason: "1-100 characters")
        }
        let limit = try Validation.limit(limit, default: 20, maximum: 50)
        let found = try await users.search(prefix: prefix, after: cursor?.lowercased(), limit: limit + 1)
        let page = Array(found.prefix(limit))
        let next = found.count > limit ? page.last?.username : nil
        return (page.map(PublicProfile.init), next)
    }
}

/// Tells whether a username could be taken.
public struct CheckUsername: Sendable {
    let users: any UserRepository

    /// Reads from `users`.
    public init(users: any UserRepository) { self.users = users }

    /// True when the username is valid and nobody has it. Throws `.invalid` when it breaks the rules.
    public func callAsFunction(_ username: String) async throws -> Bool {
        try await users.find(username: Validation.username(username)) == nil
    }
}
