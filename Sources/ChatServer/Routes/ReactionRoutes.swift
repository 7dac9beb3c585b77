import ChatDomain
import Foundation
import Hummingbird

/// `PUT` and `DELETE /chats/:chatId/messages/:messageId/reactions/:emoji`: add or remove the caller's reaction. Both are
/// idempotent and answer 200 with the message's reactions after the call.
struct ReactionRoutes {
    let services: ChatServices

    func register(on group: RouterGroup<ChatRequestContext>) {
        group.put(":chatId/messages/:messageId/reactions/:emoji") { request, context in
            let (chatID, messageID) = try (context.id("chatId", as: ChatID.self), context.id("messageId", as: MessageID.self))
            let change = try await services.react(
                try Self.emoji(in: context), to: messageID, in: chatID, by: context.user())
            return ReactionsView(chatId: chatID, messageId: messageID, change: change)
        }
        group.delete(":chatId/messages/:messageId/reactions/:emoji") { request, context in
            let (chatID, messageID) = try (context.id("chatId", as: ChatID.self), context.id("messageId", as: MessageID.self))
            let change = try await services.unreact(
                try Self.emoji(in: context), from: messageID, in: chatID, by: context.user())
            return ReactionsView(chatId: chatID, messageId: messageID, change: change)
        }
    }

    /// The `:emoji` path parameter, percent-decoded. Throws `.invalid` naming it when the escapes are malformed or
    /// do not decode to UTF-8 (the use case checks the rest).
    static func emoji(in context: ChatRequestContext) throws -> String {
        guard let raw = context.parameters.get("emoji"), let emoji = raw.removingPercentEncoding else {
            throw DomainError.invalid(field: "emoji", reason: "must be percent-encoded UTF-8")
        }
        return emoji
    }
}

/// A message's reactions after a change, `{chatId, messageId, reactions, myReactions}`: the answer of the REST routes
/// and the ack of `message:react` / `message:unreact`.
struct ReactionsView: ResponseEncodable, Sendable {
    var chatId: ChatID
    var messageId: MessageID
    var reactions: [ReactionView]
    var myReactions: [String]

    init(chatId: ChatID, messageId: MessageID, change: ReactionChange) {
        self.chatId = chatId
        self.messageId = messageId
        reactions = change.reactions.map(ReactionView.init)
        myReactions = change.mine
    }
}
