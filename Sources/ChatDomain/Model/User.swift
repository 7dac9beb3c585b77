import Foundation

/// A registered account. Holds the private fields (email, password hash); never sent to clients as is:
/// see `PublicProfile` and `OwnProfile`.
public struct User: Sendable, Equatable {
    public var id: UserID
    /// Normalized (trimmed, lowercased) email; unique.
    public var email: String
    /// Normalized (lowercased) username; unique.
    public var username: String
    public var name: String
    public var passwordHash: String
    public var avatarFileID: FileID?
    public var createdAt: Date
    /// When the user's last device disconnected; nil while never seen.
    public var lastSeenAt: Date?

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
