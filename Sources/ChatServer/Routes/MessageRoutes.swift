import ChatDomain
import Hummingbird

/// `/chats/:chatId/messages`: history by sequence cursor, send, read one, edit, delete, mark read. Every message
/// answer carries the caller's own reactions (`myReactions`).
struct MessageRoutes {
    let services: ChatServices
    let messageLimit: RateLimiter
    let maxBody: Int

    struct SendBody: Decodable {
        var content: String?
        var type: Message.Kind?
        var fileId: FileID?
        var replyToId: MessageID?
        var clientMessageId: String?
    }

    struct EditBody: Decodable {
        var content: String
    }

    struct ReadView: ResponseEncodable {
        var chatId: ChatID
        var lastReadSeq: Int64
        var unreadCount: Int
    }

    func register(on group: RouterGroup<ChatRequestContext>) {
        group.get(":chatId/messages") { request, context in
            let before = try request.queryInteger("before"), after = try request.queryInteger("after")
            let cursor: HistoryCursor
            switch (before, after) {
            case (nil, nil): cursor = .latest
            case (let before?, nil): cursor = .before(Int64(before))
            case (nil, let after?): cursor = .after(Int64(after))
            case (.some, .some): throw DomainError.invalid(field: "before", reason: "give before or after, not both")
            }
            let user = try context.user()
            let page = try await services.readMessages.page(
                context.id("chatId", as: ChatID.self), for: user, cursor: cursor, limit: request.queryInteger("limit"))
            return MessagePageView(page, mine: try await services.myReactions(user, on: page.items))
        }
        group.post(":chatId/messages") { request, context in
            try await messageLimit.admit(context.user().description)
            let body = try await request.decodeJSON(as: SendBody.self, limit: maxBody)
            let (message, created) = try await services.sendMessage(
                SendMessageRequest(
                    content: body.content, kind: body.type, fileID: body.fileId, replyToID: body.replyToId,
                    clientMessageID: body.clientMessageId),
                to: context.id("chatId", as: ChatID.self), from: context.user())
            return EditedResponse(status: created ? .created : .ok, response: try await view(message, for: context.user()))
        }
        group.get(":chatId/messages/:messageId") { request, context in
            try await view(
                services.readMessages.one(
                    context.id("messageId", as: MessageID.self), in: context.id("chatId", as: ChatID.self),
                    for: context.user()),
                for: context.user())
        }
        group.patch(":chatId/messages/:messageId") { request, context in
            let body = try await request.decodeJSON(as: EditBody.self, limit: maxBody)
            return try await view(
                services.changeMessages.edit(
                    context.id("messageId", as: MessageID.self), in: context.id("chatId", as: ChatID.self),
                    by: context.user(), content: body.content),
                for: context.user())
        }
        group.delete(":chatId/messages/:messageId") { request, context in
            try await view(
                services.changeMessages.delete(
                    context.id("messageId", as: MessageID.self), in: context.id("chatId", as: ChatID.self),
                    by: context.user()),
                for: context.user())
        }
        group.post(":chatId/messages/:messageId/read") { request, context in
            let chatID = try context.id("chatId", as: ChatID.self)
            let (pointer, unread) = try await services.markRead(
                context.id("messageId", as: MessageID.self), in: chatID, by: context.user())
            return ReadView(chatId: chatID, lastReadSeq: pointer, unreadCount: unread)
        }
    }

    /// `message` as `user` sees it over REST: with their own reactions (`myReactions`).
    private func view(_ message: Message, for user: UserID) async throws -> MessageView {
        MessageView(message, myReactions: try await services.myReactions(user, on: [message])[message.id] ?? [])
    }
}
