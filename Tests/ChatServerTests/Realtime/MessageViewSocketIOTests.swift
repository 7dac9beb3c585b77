import ChatDomain
import ChatRealtime
import Foundation
import Testing

@testable import ChatServer

@Suite("Message views over Socket.IO")
struct MessageViewSocketIOTests {
    private static let created = Date(timeIntervalSince1970: 1_795_965_548.553)

    private static var messages: [Message] {
        let chat = ChatID(UUID()), sender = UserID(UUID())
        let plain = Message(
            id: MessageID(UUID()), chatID: chat, seq: 1, senderID: sender, content: "hello \"world\" — привет",
            kind: .text, fileID: nil, replyToID: nil, clientMessageID: nil, createdAt: created)
        var everything = Message(
            id: MessageID(UUID()), chatID: chat, seq: 9_007_199_254, senderID: sender, content: nil, kind: .image,
            fileID: FileID(UUID()), replyToID: plain.id, clientMessageID: "c-1", createdAt: created)
        everything.editedAt = created.addingTimeInterval(1.5)
        var deleted = plain
        deleted.deletedAt = created.addingTimeInterval(60)
        var reacted = plain
        reacted.id = MessageID(UUID())
        reacted.reactions = [ReactionCount(emoji: "👍", count: 3), ReactionCount(emoji: "❤️‍🔥", count: 1)]
        return [plain, everything, deleted, reacted]
    }

    /// The direct builder is what the JSON encoder produces, field for field and in its text form.
    @Test(arguments: messages)
    func theDirectValueEqualsTheEncodedOne(message: Message) throws {
        let view = MessageView(message)
        let direct = view.socketIOValue
        #expect(direct == (try SocketIOValue.encoding(view)))
        #expect(direct.jsonText == (try SocketIOValue.encoding(view)).jsonText)
        #expect(direct.objectValue?.count == 15)
        #expect(direct.objectValue?["reactions"]?.arrayValue?.count == message.reactions.count)
    }

    /// The caller's own reactions (REST answers) are written the same way by both, and only when given.
    @Test(arguments: messages)
    func theCallersReactionsAreWrittenLikeTheEncoderWritesThem(message: Message) throws {
        let view = MessageView(message, myReactions: message.reactions.map(\.emoji))
        let direct = view.socketIOValue
        #expect(direct == (try SocketIOValue.encoding(view)))
        #expect(direct.objectValue?.count == 16)
        #expect(direct.objectValue?["myReactions"]?.arrayValue?.count == message.reactions.count)
    }

    /// A history page written directly parses to what JSONEncoder writes for the same views.
    @Test func aHistoryPageIsTheJSONEncodersPage() throws {
        let messages = Self.messages
        struct EncodedPage: Encodable { var items: [MessageView]; var hasMore: Bool }
        let encoded = try JSON.encoder.encode(EncodedPage(items: messages.map(MessageView.init), hasMore: true))
        let page = MessagePageView(MessagePage(items: messages, hasMore: true))
        #expect(SocketIOValue.parseJSON(page.value.jsonText) == SocketIOValue.parseJSON(encoded))
        #expect(page.value.objectValue?["items"]?.arrayValue?.count == 4)
    }

    /// A page for a caller carries `myReactions` on every item, `[]` where they have none.
    @Test func aCallersHistoryPageIsTheJSONEncodersPage() throws {
        let messages = Self.messages
        let mine = [messages[3].id: ["👍"]]
        struct EncodedPage: Encodable { var items: [MessageView]; var hasMore: Bool }
        let views = messages.map { MessageView($0, myReactions: mine[$0.id] ?? []) }
        let encoded = try JSON.encoder.encode(EncodedPage(items: views, hasMore: false))
        let page = MessagePageView(MessagePage(items: messages, hasMore: false), mine: mine)
        #expect(SocketIOValue.parseJSON(page.value.jsonText) == SocketIOValue.parseJSON(encoded))
        #expect(page.items.map(\.myReactions) == [[], [], [], ["👍"]])
    }
}
