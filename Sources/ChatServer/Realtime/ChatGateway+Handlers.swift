import ChatDomain
import ChatRealtime
import Foundation

extension ChatGateway {
    struct ChatRef: Decodable { var chatId: ChatID }
    struct SendBody: Decodable {
        var chatId: ChatID
        var content: String?
        var type: Message.Kind?
        var fileId: FileID?
        var replyToId: MessageID?
        var clientMessageId: String?
    }
    struct EditBody: Decodable {
        var chatId: ChatID
        var messageId: MessageID
        var content: String
    }
    struct MessageRef: Decodable {
        var chatId: ChatID
        var messageId: MessageID
    }
    struct ReadResult: Encodable {
        var ok = true
        var chatId: ChatID
        var lastReadSeq: Int64
        var unreadCount: Int
    }

    /// Every client event of the contract; each answers through its ack, with the resource or the error body.
    func registerHandlers(on socket: SocketIOSocket, as identity: SocketIdentity) async {
        let me = identity.user
        await on(socket, "join_chat", ChatRef.self) { body in
            _ = try await services.getChat(body.chatId, for: me)
            socket.join(Rooms.chat(body.chatId))
            return .ok
        }
        await on(socket, "leave_chat", ChatRef.self) { body in
            socket.leave(Rooms.chat(body.chatId))
            return .ok
        }
        await on(socket, "message:send", SendBody.self) { body in
            let (message, _) = try await services.sendMessage(
                SendMessageRequest(
                    content: body.content, kind: body.type, fileID: body.fileId, replyToID: body.replyToId,
                    clientMessageID: body.clientMessageId),
                to: body.chatId, from: me)
            return try .encoding(MessageView(message))
        }
        await on(socket, "message:edit", EditBody.self) { body in
            try .encoding(MessageView(try await services.changeMessages.edit(body.messageId, in: body.chatId, by: me, content: body.content)))
        }
        await on(socket, "message:delete", MessageRef.self) { body in
            try .encoding(MessageView(try await services.changeMessages.delete(body.messageId, in: body.chatId, by: me)))
        }
        await on(socket, "message:read", MessageRef.self) { body in
            let (pointer, unread) = try await services.markRead(body.messageId, in: body.chatId, by: me)
            return try .encoding(ReadResult(chatId: body.chatId, lastReadSeq: pointer, unreadCount: unread))
        }
        await on(socket, "message:typing", ChatRef.self) { body in
            try await services.typing(body.chatId, by: me, isTyping: true)
            await typing.started(chat: body.chatId, user: me)
            return .ok
        }
        await on(socket, "message:stop_typing", ChatRef.self) { body in
            await typing.stopped(chat: body.chatId, user: me)
            try await services.typing(body.chatId, by: me, isTyping: false)
            return .ok
        }
        await socket.on("join_user") { _, ack in await ack?(.ok) }
        await socket.onUnhandled { event, _, ack in
            await ack?(.failure(code: "UNKNOWN_EVENT", message: "unknown event \(event.prefix(64))"))
        }
    }

    /// Registers `event`: decodes its first argument as `Body`, runs `action`, and acks the result or the
    /// error body. Failures never reach the connection.
    private func on<Body: Decodable & Sendable>(
        _ socket: SocketIOSocket, _ event: String, _ body: Body.Type,
        _ action: @escaping @Sendable (Body) async throws -> SocketIOValue
    ) async {
        await socket.on(event) { arguments, ack in
            let reply: SocketIOValue
            do {
                guard let first = arguments.first, first.objectValue != nil else {
                    throw DomainError.invalid(field: "payload", reason: "must be an object")
                }
                reply = try await action(try first.decoded(as: Body.self))
            } catch let error as DomainError {
                reply = .failure(code: error.code, message: error.message)
            } catch {
                logger.error("socket event failed", metadata: ["event": "\(event)", "error": "\(String(reflecting: type(of: error)))"])
                reply = .failure(code: "INTERNAL", message: "internal server error")
            }
            await ack?(reply)
        }
    }
}
