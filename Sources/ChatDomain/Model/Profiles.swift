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

/// What a user sees of themselves: their public profile plus their own email, encoded as one flat object.
/// Never the password hash.
@dynamicMemberLookup
public struct OwnProfile: Sendable, Equatable, Codable {
    /// Everything anyone signed in may see.
    public var profile: PublicProfile
    /// The user's email, shown to them alone.
    public var email: String

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
