import Foundation

/// What anyone signed in may see of a user: never the email, never the password hash.
public struct PublicProfile: Sendable, Equatable, Codable {
    /// The user's id.
    public var id: UserID
    /// The lowercase username; unique.
    public var username: String
    /// The display name, 1–100 characters; not unique.
    public var name: String
    /// Where the avatar is downloaded, `/files/<file id>`; nil when the user has none.
    public var avatarUrl: String?
    /// When the user's last device disconnected; nil while never seen.
    public var lastSeen: Date?
    /// When the account was registered.
    public var createdAt: Date

    /// The public view of `user`, without its email and password hash.
    public init(_ user: User) {
        id = user.id
        username = user.username
        name = user.name
        avatarUrl = user.avatarFileID.map { "/files/\($0)" }
        lastSeen = user.lastSeenAt
        createdAt = user.createdAt
    }
}

/// What a user sees of themselves: their public profile plus their own email, encoded as one flat object.
/// Never the password hash.
@dynamicMemberLookup
public struct OwnProfile: Sendable, Equatable, Codable {
    /// Everything anyone signed in may see.
    public var profile: PublicProfile
    /// The user's email, shown to them alone.
    public var email: String

    /// The view `user` has of their own account, without the password hash.
    public init(_ user: User) {
        profile = PublicProfile(user)
        email = user.email
    }

    /// The public fields, read straight through (`own.username`).
    public subscript<Value>(dynamicMember keyPath: KeyPath<PublicProfile, Value>) -> Value {
        profile[keyPath: keyPath]
    }

    public func encode(to encoder: any Encoder) throws {
        try profile.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(email, forKey: .email)
    }

    public init(from decoder: any Decoder) throws {
        profile = try PublicProfile(from: decoder)
        email = try decoder.container(keyedBy: CodingKeys.self).decode(String.self, forKey: .email)
    }

    private enum CodingKeys: String, CodingKey { case email }
}
