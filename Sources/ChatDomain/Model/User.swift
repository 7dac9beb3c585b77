import Foundation

/// A registered account. Holds the private fields (email, password hash); never sent to clients as is:
/// see `PublicProfile` and `OwnProfile`.
public struct User: Sendable, Equatable {
    /// The user's id.
    public var id: UserID
    /// Normalized (trimmed, lowercased) email; unique.
    public var email: String
    /// Normalized (lowercased) username; unique.
    public var username: String
    /// The display name, trimmed, 1–100 characters; not unique.
    public var name: String
    /// The `PasswordHasher`'s self-describing hash; never the password, never sent to clients.
    public var passwordHash: String
    /// The avatar image; nil when the user has none.
    public var avatarFileID: FileID?
    /// When the account was registered.
    public var createdAt: Date
    /// When the user's last device disconnected; nil while never seen.
    public var lastSeenAt: Date?

    /// A user from its fields; `email` and `username` must already be normalized (see `Validation`).
    public init(
        id: UserID, email: String, username: String, name: String, passwordHash: String,
        avatarFileID: FileID? = nil, createdAt: Date, lastSeenAt: Date? = nil
    ) {
        self.id = id
        self.email = email
        self.username = username
        self.name = name
        self.passwordHash = passwordHash
        self.avatarFileID = avatarFileID
        self.createdAt = createdAt
        self.lastSeenAt = lastSeenAt
    }
}
