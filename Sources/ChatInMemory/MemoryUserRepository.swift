import ChatDomain
import Foundation

/// `UserRepository` in a `MemoryStore`. Emails and usernames are unique ignoring case; lookups by email and
/// username match exactly, as the port stores them normalized.
public struct MemoryUserRepository: UserRepository {
    /// The store holding the users.
    public let store: MemoryStore

    /// The users of `store`.
    public init(store: MemoryStore) { self.store = store }

    /// Stores the user. Throws `DomainError.conflict` when the id, email or username is taken; nothing is stored then.
    public func create(_ user: User) async throws { try await store.createUser(user) }

    /// The user, or nil.
    public func find(id: UserID) async throws -> User? { await store.user(id) }

    /// The users with these ids that exist, each once, in no particular order.
    public func find(ids: [UserID]) async throws -> [User] { await store.users(ids) }

    /// The user with exactly this email, or nil.
    public func find(email: String) async throws -> User? { await store.user(email: email) }

    /// The user with exactly this username, or nil.
    public func find(username: String) async throws -> User? { await store.user(username: username) }

    /// Replaces name, username and avatar. Throws `DomainError.conflict` when another user has the username,
    /// `.notFound` when the user is gone; changes nothing then.
    public func updateProfile(_ user: User) async throws { try await store.updateProfile(user) }

    /// Records when the user was last seen; does nothing when the user is gone.
    public func setLastSeen(_ id: UserID, at date: Date) async throws { await store.setLastSeen(id, at: date) }

    /// At most `limit` users whose username or name starts with `prefix` (ignoring case, every character literal),
    /// ordered by username, with usernames after `cursor`.
    public func search(prefix: String, after cursor: String?, limit: Int) async throws -> [User] {
        await store.searchUsers(prefix: prefix, after: cursor, limit: limit)
    }
}
