import Foundation

/// A conversation: a direct chat between exactly two users, or a named group.
public struct Chat: Sendable, Equatable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case direct = "DIRECT"
        case group = "GROUP"
    }

    public var id: ChatID
    public var kind: Kind
    /// The group's name; nil for direct chats.
    public var name: String?
    public var avatarFileID: FileID?
    public var createdAt: Date
    /// When the last message was sent, or the chat was created.
    public var lastActivityAt: Date
    /// The sequence number of the newest message (0 when empty).
    public var lastSeq: Int64
    /// For direct chats, the key of the pair (see `Chat.directKey`), unique across chats.
    public var directKey: String?

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
