import Foundation

/// A message in a chat. Deleting leaves a tombstone: `deletedAt` set and `content` nil.
public struct Message: Sendable, Equatable {
    /// What a message carries; the raw value is the wire value. Every kind but `.text` comes with a file of that kind.
    public enum Kind: String, Sendable, Codable, CaseIterable {
        /// `TEXT`: content only, no file.
        case text = "TEXT"
        /// `IMAGE`: an image file (`StoredFile.Kind.image`), with optional content as caption.
        case image = "IMAGE"
        /// `FILE`: any other accepted file (PDF, plain text).
        case file = "FILE"
        /// `VOICE`: an audio file (`StoredFile.Kind.audio`).
        case voice = "VOICE"
        /// `VIDEO`: a video file (`StoredFile.Kind.video`).
        case video = "VIDEO"
    }

    /// The message's id.
    public var id: MessageID
    /// The chat it belongs to.
    public var chatID: ChatID
    /// Per-chat sequence number: 1, 2, 3… without gaps, in commit order.
    public var seq: Int64
    /// The author: the only user who may edit it.
    public var senderID: UserID
    /// The text, at most `Validation.maxContentLength` characters and never blank; nil on a tombstone and for a
    /// file sent without caption.
    public var content: String?
    /// What it carries; `.text` unless it has a file.
    public var kind: Kind
    /// The attached file, the sender's own upload; nil for `.text`.
    public var fileID: FileID?
    /// The message of the same chat it answers (which may since have been deleted); nil when not a reply.
    public var replyToID: MessageID?
    /// The sender's idempotency key, 1–128 characters: resending it to the same chat returns this message.
    /// Nil when the client gave none.
    public var clientMessageID: String?
    /// When the server accepted it. Taken before `seq` is assigned: order messages by `seq`, not by this.
    public var createdAt: Date
    /// When its content was last replaced; nil when never edited.
    public var editedAt: Date?
    /// When it was deleted; nil while it stands.
    public var deletedAt: Date?
    /// Members' reactions: one entry per emoji, ordered by first use; empty when none (and on a tombstone).
    public var reactions: [ReactionCount]

    /// A message from its fields, as stored (nothing is checked).
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

    /// True for a tombstone (`deletedAt` set).
    public var isDeleted: Bool { deletedAt != nil }
    /// True once the content was edited (`editedAt` set).
    public var isEdited: Bool { editedAt != nil }
}

/// What `SendMessage` asks the repository to append; the repository assigns `seq`.
public struct NewMessage: Sendable, Equatable {
    /// The id the stored message gets, unless `clientMessageID` matches an earlier message.
    public var id: MessageID
    /// The chat to append to.
    public var chatID: ChatID
    /// The author, a member of the chat.
    public var senderID: UserID
    /// The validated text (`Validation.content`); nil for a file sent without caption.
    public var content: String?
    /// What it carries; follows the file when there is one.
    public var kind: Message.Kind
    /// The attached file, the sender's own upload; nil for text.
    public var fileID: FileID?
    /// The message of the same chat it answers, or nil.
    public var replyToID: MessageID?
    /// The sender's idempotency key, or nil; see `Message.clientMessageID`.
    public var clientMessageID: String?
    /// When the server accepted it; stored as `Message.createdAt`.
    public var createdAt: Date

    /// A draft from its fields; `content` and `clientMessageID` must already be validated (see `Validation`).
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
    /// The messages, in ascending `seq`; at most the limit asked for.
    public var items: [Message]
    /// True when more messages exist beyond the page in the direction asked.
    public var hasMore: Bool

    /// A page of `items`, which must be in ascending `seq`.
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
