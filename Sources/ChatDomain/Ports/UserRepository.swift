import Foundation

/// Where accounts live. Emails and usernames are stored normalized (lowercased) and are unique.
public protocol UserRepository: Sendable {
    /// Stores a new user. Throws `DomainError.conflict` when the email or username is taken.
    func create(_ user: User) async throws
    /// The user with this id, or nil.
    func find(id: UserID) async throws -> User?
    /// The users with these ids that exist, in no particular order.
    func find(ids: [UserID]) async throws -> [User]
    /// The user with this normalized email, or nil.
    func find(email: String) async throws -> User?
    /// The user with this normalized username, or nil.
    func find(username: String) async throws -> User?
    /// Replaces name, username and avatar of an existing user.
    /// Throws `DomainError.conflict` when the new username is taken, `.notFound` when the user is gone.
    func updateProfile(_ user: User) async throws
    /// Records when the user was last seen online.
    func setLastSeen(_ id: UserID, at date: Date) async throws
    /// Users whose username or name starts with `prefix` (case-insensitive), ordered by username,
    /// starting after the username `cursor`; at most `limit`.
    func search(prefix: String, after cursor: String?, limit: Int) async throws -> [User]
}
