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
    struct ReactionBody: Decodable {
        var chatId: ChatID
        var messageId: MessageID
        var emoji: String
    }
    struct ReadResult: Encodable {
        var ok = true
        var chatId: ChatID
        var lastReadSeq: Int64
        var unreadCount: Int
    }

    /// Every client event of the contract (each case of `ClientEvent`); each answers through its ack, with the
    /// resource or the error body. Any other event is acked with `UNKNOWN_EVENT`.
    func registerHandlers(on socket: SocketIOSocket, as identity: SocketIdentity) async {
        for event in ClientEvent.allCases {
            await register(event, on: socket, as: identity.user)
        }
        await socket.onUnhandled { event, _, ack in
            await ack?(.failure(code: "UNKNOWN_EVENT", message: "unknown event \(event.prefix(64))"))
        }
    }

    private func register(_ event: ClientEvent, on socket: SocketIOSocket, as me: UserID) async {
        switch event {
        case .joinChat:
            await on(socket, event, ChatRef.self) { [self] body in
                _ = try await services.getChat(body.chatId, for: me)
                await socket.join(Rooms.chat(body.chatId))
                return .ok
            }
        case .leaveChat:
            await on(socket, event, ChatRef.self) { body in
                await socket.leave(Rooms.chat(body.chatId))
                return .ok
            }
        case .sendMessage:
            await on(socket, event, SendBody.self) { [self] body in
                try await limits.messages.admit(me.description)
                // A socket in the chat's room joined it after a membership check and leaves it when the member
                // is removed: no membership query is needed.
                let (message, _) = try await services.sendMessage(
                    SendMessageRequest(
                        content: body.content, kind: body.type, fileID: body.fileId, replyToID: body.replyToId,
                        clientMessageID: body.clientMessageId),
                    to: body.chatId, from: me, membershipKnown: socket.isIn(Rooms.chat(body.chatId)))
                return MessageView(message).socketIOValue
            }
        case .editMessage:
            await on(socket, event, EditBody.self) { [self] body in
                MessageView(try await services.changeMessages.edit(body.messageId, in: body.chatId, by: me, content: body.content)).socketIOValue
            }
        case .deleteMessage:
            await on(socket, event, MessageRef.self) { [self] body in
                MessageView(try await services.changeMessages.delete(body.messageId, in: body.chatId, by: me)).socketIOValue
            }
        case .readMessage:
            await on(socket, event, MessageRef.self) { [self] body in
                let (pointer, unread) = try await services.markRead(body.messageId, in: body.chatId, by: me)
                return try .encoding(ReadResult(chatId: body.chatId, lastReadSeq: pointer, unreadCount: unread))
            }
        case .react:
            await on(socket, event, ReactionBody.self) { [self] body in
                let change = try await services.react(body.emoji, to: body.messageId, in: body.chatId, by: me)
                return try .encoding(ReactionsView(chatId: body.chatId, messageId: body.messageId, change: change))
            }
        case .unreact:
            await on(socket, event, ReactionBody.self) { [self] body in
                let change = try await services.unreact(body.emoji, from: body.messageId, in: body.chatId, by: me)
                return try .encoding(ReactionsView(chatId: body.chatId, messageId: body.messageId, change: change))
            }
        case .typing:
            await on(socket, event, ChatRef.self) { [self] body in
                try await limits.typing.admit(me.description)
                try await services.typing(body.chatId, by: me, isTyping: true)
                await typing.started(chat: body.chatId, user: me)
                return .ok
            }
        case .stopTyping:
            await on(socket, event, ChatRef.self) { [self] body in
                try await limits.typing.admit(me.description)
                await typing.stopped(chat: body.chatId, user: me)
                try await services.typing(body.chatId, by: me, isTyping: false)
                return .ok
            }
        case .joinUser:
            await socket.on(event.rawValue) { _, ack in await ack?(.ok) }
        }
    }

    /// Registers `event`: decodes its first argument as `Body`, runs `action`, and acks the result or the
    /// error body. Failures never reach the connection.
    private func on<Body: Decodable & Sendable>(
        _ socket: SocketIOSocket, _ event: ClientEvent, _ body: Body.Type,
        _ action: @escaping @Sendable (Body) async throws -> SocketIOValue
    ) async {
        await socket.on(event.rawValue) { [self] arguments, ack in
            let reply: SocketIOValue
            do {
                guard let first = arguments.first, first.objectValue != nil else {
                    throw DomainError.invalid(field: "payload", reason: "must be an object")
                }
                reply = try await action(try first.decoded(as: Body.self))
            } catch let error as DomainError {
                reply = .failure(code: error.code, message: error.message)
            } catch {
                logger.error("socket event failed", metadata: ["event": "\(event.rawValue)", "error": "\(String(reflecting: type(of: error)))"])
                reply = .failure(code: "INTERNAL", message: "internal server error")
            }
            await ack?(reply)
        }
    }
}
