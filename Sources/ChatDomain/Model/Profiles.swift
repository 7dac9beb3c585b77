import Foundation

/// What anyone signed in may see of a user: never the email, never the password hash.
public struct PublicProfile: Sendable, Equatable, Codable {
    public var id: UserID
    public var username: String
    public var name: String
    public var avatarUrl: String?
    public var lastSeen: Date?
    public var createdAt: Date

    public init(_ user: User) {
        id = user.id
        username = user.username
        name = user.name
        avatarUrl = user.avatarFileID.map { "/files/\($0)" }
        lastSeen = user.lastSeenAt
        createdAt = user.createdAt
    }
}

/// What a user sees of themselves: the public profile plus their own email. Never the password hash.
public struct OwnProfile: Sendable, Equatable, Codable {
    public var id: UserID
    public var email: String
    public var username: String
    public var name: String
    public var avatarUrl: String?
    public var lastSeen: Date?
    public var createdAt: Date

    public init(_ user: User) {
        id = user.id
        email = user.email
        username = user.username
        name = user.name
        avatarUrl = user.avatarFileID.map { "/files/\($0)" }
        lastSeen = user.lastSeenAt
        createdAt = user.createdAt
    }
}
