import Foundation

/// A conversation: a direct chat between exactly two users, or a named group.
public struct Chat: Sendable, Equatable {
    /// Whether a chat joins a pair or a group; the raw value is the wire value. Fixed at creation.
    public enum Kind: String, Sendable, Codable, CaseIterable {
        /// `DIRECT`: exactly two members, both MEMBER, no name; at most one per pair (`directKey`).
        case direct = "DIRECT"
        /// `GROUP`: a named chat whose members hold roles; the only kind that can be renamed or managed.
        case group = "GROUP"
    }

    /// The chat's id.
    public var id: ChatID
    /// Direct or group; never changes.
    public var kind: Kind
    /// The group's name; nil for direct chats.
    public var name: String?
    /// The group's avatar image; nil when it has none, and always for direct chats (they show the peer's).
    public var avatarFileID: FileID?
    /// When the chat was created.
    public var createdAt: Date
    /// When the last message was sent, or the chat was created.
    public var lastActivityAt: Date
    /// The sequence number of the newest message (0 when empty).
    public var lastSeq: Int64
    /// For direct chats, the key of the pair (see `Chat.directKey`), unique across chats.
    public var directKey: String?

    /// A chat from its fields, as given (nothing is checked); a direct chat needs its `directKey`.
    public init(
        id: ChatID, kind: Kind, name: String?, avatarFileID: FileID? = nil, createdAt: Date,
        lastActivityAt: Date, lastSeq: Int64 = 0, directKey: String? = nil
    ) {
        self.id = id
        self.kind = kind
        self.name = name
        self.avatarFileID = avatarFileID
        self.createdAt = createdAt
        self.lastActivityAt = lastActivityAt
        self.lastSeq = lastSeq
        self.directKey = directKey
    }

    /// The same key for a pair whichever side asks: the two ids in ascending order.
    public static func directKey(_ a: UserID, _ b: UserID) -> String {
        let (low, high) = a < b ? (a, b) : (b, a)
        return "\(low):\(high)"
    }
}
