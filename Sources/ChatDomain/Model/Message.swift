import Foundation

/// A message in a chat. Deleting leaves a tombstone: `deletedAt` set and `content` nil.
public struct Message: Sendable, Equatable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case text = "TEXT"
        case image = "IMAGE"
        case file = "FILE"
        case voice = "VOICE"
        case video = "VIDEO"
    }

    public var id: MessageID
    public var chatID: ChatID
    /// Per-chat sequence number: 1, 2, 3… without gaps, in commit order.
    public var seq: Int64
    public var senderID: UserID
    public var content: String?
    public var kind: Kind
    public var fileID: FileID?
    public var replyToID: MessageID?
    public var clientMessageID: String?
    public var createdAt: Date
    public var editedAt: Date?
    public var deletedAt: Date?
    /// Members' reactions: one entry per emoji, ordered by first use; empty when none (and on a tombstone).
    public var reactions: [ReactionCount]

    public init(
        id: MessageID, chatID: ChatID, seq: Int64, senderID: UserID, content: String?, kind: Kind,
        fileID: FileID? = nil, replyToID: MessageID? = nil, clientMessageID: String? = nil,
        createdAt: Date, editedAt: Date? = nil, deletedAt: Date? = nil, reactions: [ReactionCount] = []
    ) {
        self.id = id
        self.chatID = chatID
        self.seq = seq
        self.senderID = senderID
        self.content = content
        self.kind = kind
        self.fileID = fileID
        self.replyToID = replyToID
        self.clientMessageID = clientMessageID
        self.createdAt = createdAt
        self.editedAt = editedAt
        self.deletedAt = deletedAt
        self.reactions = reactions
    }

    public var isDeleted: Bool { deletedAt != nil }
    public var isEdited: Bool { editedAt != nil }
}

/// What `SendMessage` asks the repository to append; the repository assigns `seq`.
public struct NewMessage: Sendable, Equatable {
    public var id: MessageID
    public var chatID: ChatID
    public var senderID: UserID
    public var content: String?
    public var kind: Message.Kind
    public var fileID: FileID?
    public var replyToID: MessageID?
    public var clientMessageID: String?
    public var createdAt: Date

    public init(
        id: MessageID, chatID: ChatID, senderID: UserID, content: String?, kind: Message.Kind,
        fileID: FileID?, replyToID: MessageID?, clientMessageID: String?, createdAt: Date
    ) {
        self.id = id
        self.chatID = chatID
        self.senderID = senderID
        self.content = content
        self.kind = kind
        self.fileID = fileID
        self.replyToID = replyToID
        self.clientMessageID = clientMessageID
        self.createdAt = createdAt
    }
}

/// One page of history, in ascending `seq`.
public struct MessagePage: Sendable, Equatable {
    public var items: [Message]
    /// True when more messages exist beyond the page in the direction asked.
    public var hasMore: Bool

    public init(items: [Message], hasMore: Bool) {
        self.items = items
        self.hasMore = hasMore
    }
}

/// Where a page of history starts.
public enum HistoryCursor: Sendable, Equatable {
    /// The newest messages.
    case latest
    /// The messages just before this sequence number.
    case before(Int64)
    /// The messages just after this sequence number.
    case after(Int64)
}
