import ChatDomain
import ChatRealtime
import Foundation
import Hummingbird

/// A message as the contract shows it, over REST and Socket.IO alike.
public struct MessageView: ResponseEncodable, Equatable, Sendable, Decodable {
    /// The message's id.
    public var id: MessageID
    /// The chat the message belongs to.
    public var chatId: ChatID
    /// Per-chat sequence number: 1, 2, 3… without gaps, in commit order.
    public var seq: Int64
    /// The author.
    public var senderId: UserID
    /// The text; `null` when the message has none or was deleted.
    public var content: String?
    /// `TEXT`, `IMAGE`, `FILE`, `VOICE` or `VIDEO`.
    public var type: Message.Kind
    /// The attached file; `null` when there is none or the message was deleted.
    public var fileId: FileID?
    /// The message this one answers; `null` when it answers none.
    public var replyToId: MessageID?
    /// The sender's idempotency key, as sent; `null` when none was given.
    public var clientMessageId: String?
    /// True once the message has been edited.
    public var isEdited: Bool
    /// When the message was last edited; `null` when never.
    public var editedAt: Date?
    /// True for a tombstone: the message was deleted.
    public var isDeleted: Bool
    /// When the message was deleted; `null` when it was not.
    public var deletedAt: Date?
    /// When the message was sent.
    public var createdAt: Date
    /// One entry per emoji, ordered by first use; `[]` when none.
    public var reactions: [ReactionView]
    /// The caller's own emoji, on REST answers; nil (and absent from the JSON) in broadcasts and chat lists.
    public var myReactions: [String]?

    /// The view of `message` without the caller's own reactions (broadcasts, chat lists).
    public init(_ message: Message) {
        self.init(message, myReactions: nil)
    }

    /// The view of `message`; `myReactions` are the caller's own emoji on it, for REST answers (nil leaves them out).
    public init(_ message: Message, myReactions: [String]?) {
        id = message.id
        chatId = message.chatID
        seq = message.seq
        senderId = message.senderID
        content = message.isDeleted ? nil : message.content
        type = message.kind
        fileId = message.isDeleted ? nil : message.fileID
        replyToId = message.replyToID
        clientMessageId = message.clientMessageID
        isEdited = message.isEdited
        editedAt = message.editedAt
        isDeleted = message.isDeleted
        deletedAt = message.deletedAt
        createdAt = message.createdAt
        reactions = message.reactions.map(ReactionView.init)
        self.myReactions = myReactions
    }

    /// Encodes absent optionals as `null`, so every field of the contract is always present.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(chatId, forKey: .chatId)
        try container.encode(seq, forKey: .seq)
        try container.encode(senderId, forKey: .senderId)
        try container.encode(content, forKey: .content)
        try container.encode(type, forKey: .type)
        try container.encode(fileId, forKey: .fileId)
        try container.encode(replyToId, forKey: .replyToId)
        try container.encode(clientMessageId, forKey: .clientMessageId)
        try container.encode(isEdited, forKey: .isEdited)
        try container.encode(editedAt, forKey: .editedAt)
        try container.encode(isDeleted, forKey: .isDeleted)
        try container.encode(deletedAt, forKey: .deletedAt)
        try container.encode(createdAt, forKey: .createdAt)
        try container.encode(reactions, forKey: .reactions)
        try container.encodeIfPresent(myReactions, forKey: .myReactions)
    }
}

/// One emoji of a message's reactions and how many members chose it.
public struct ReactionView: Codable, Equatable, Sendable {
    /// The emoji.
    public var emoji: String
    /// How many members reacted with it; at least 1.
    public var count: Int

    /// The view of `reaction`.
    public init(_ reaction: ReactionCount) {
        emoji = reaction.emoji
        count = reaction.count
    }
}

/// One page of history, `{"items": [...], "hasMore": Bool}`. Written with the Socket.IO JSON writer from
/// `MessageView.socketIOValue` (the same fields and text as JSONEncoder gives): JSONEncoder's generic machinery cost
/// most of a page's time.
struct MessagePageView: ResponseGenerator {
    var items: [MessageView]
    var hasMore: Bool

    /// The page; `mine` holds the caller's own emoji per message (absent: none) for `myReactions`, or is nil to leave
    /// them out.
    init(_ page: MessagePage, mine: [MessageID: [String]]? = nil) {
        items = page.items.map { message in
            MessageView(message, myReactions: mine.map { $0[message.id] ?? [] })
        }
        hasMore = page.hasMore
    }

    /// The page as a JSON value.
    var value: SocketIOValue {
        ["items": .array(items.map(\.socketIOValue)), "hasMore": .bool(hasMore)]
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        let body = ByteBuffer(string: value.jsonText)
        return Response(
            status: .ok,
            headers: [.contentType: "application/json; charset=utf-8", .contentLength: String(body.readableBytes)],
            body: .init(byteBuffer: body))
    }
}
