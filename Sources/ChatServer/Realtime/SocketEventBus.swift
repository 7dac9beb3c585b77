import ChatDomain
import ChatRealtime
import Foundation
import Logging

/// Delivers committed domain events to sockets, following the contract: message and reaction events to `chat:<id>`,
/// typing to the chat minus the typist's devices, chat-list changes to the `user:<id>` room of every member,
/// and session revocations to that session's sockets, which are then closed.
final class SocketEventBus: EventBus {
    private let io: SocketIOServer
    private let chats: GetChat
    private let logger: Logger

    init(io: SocketIOServer, chats: GetChat, logger: Logger) {
        self.io = io
        self.chats = chats
        self.logger = logger
    }

    func publish(_ event: ChatEvent) async {
        do {
            try await deliver(event)
        } catch {
            // The change is committed; clients that miss the event catch up through history.
            logger.warning("event delivery failed", metadata: ["error": "\(String(reflecting: type(of: error)))"])
        }
    }

    private func deliver(_ event: ChatEvent) async throws {
        switch event {
        case .messageCreated(let message):
            await emit(.messageNew, value: MessageView(message).socketIOValue, to: Rooms.chat(message.chatID))
        case .messageEdited(let message):
            await emit(.messageEdited, value: MessageView(message).socketIOValue, to: Rooms.chat(message.chatID))
        case .messageDeleted(let message):
            await emit(.messageDeleted, value: MessageView(message).socketIOValue, to: Rooms.chat(message.chatID))
        case .messageRead(let chat, let user, let message, let seq):
            await emit(.messageRead, ReadEvent(chatId: chat, userId: user, messageId: message, seq: seq), to: Rooms.chat(chat))
        case .reactionChanged(let chat, let message, let user, let emoji, let added, let reactions):
            let payload = ReactionEvent(
                chatId: chat, messageId: message, userId: user, emoji: emoji, added: added,
                reactions: reactions.map(ReactionView.init))
            await emit(.messageReaction, payload, to: Rooms.chat(chat))
        case .typing(let chat, let user, let isTyping):
            let payload = try SocketIOValue.encoding(TypingEvent(chatId: chat, userId: user))
            await io.to(Rooms.chat(chat)).except(Rooms.user(user))
                .emit((isTyping ? ServerEvent.typing : .stopTyping).rawValue, payload)
        case .chatCreated(let chat, let audience):
            try await emitChat(.chatCreated, chat, to: audience)
        case .chatUpdated(let chat, let audience):
            for user in audience {
                guard let view = try? await chats(chat, for: user) else { continue }
                await emit(.chatUpdated, ["chat": ChatView(view)], to: Rooms.user(user))
            }
        case .chatDeleted(let chat, let audience):
            await io.leave(room: Rooms.chat(chat), socketsIn: Rooms.chat(chat))
            for user in audience { await emit(.chatDeleted, ["chatId": chat], to: Rooms.user(user)) }
        case .participantAdded(let chat, let user, let role, let audience):
            let payload = ParticipantAdded(chatId: chat, user: user, role: role)
            for member in audience { await emit(.participantAdded, payload, to: Rooms.user(member)) }
        case .participantRemoved(let chat, let user, let audience):
            // Leave first, so the removed member's sockets hear nothing more of the chat.
            await io.leave(room: Rooms.chat(chat), socketsIn: Rooms.user(user))
            let payload = ParticipantRemoved(chatId: chat, userId: user)
            for member in audience { await emit(.participantRemoved, payload, to: Rooms.user(member)) }
        case .sessionsRevoked(let sessions):
            for session in sessions {
                await emit(.sessionRevoked, ["sessionId": session], to: Rooms.session(session))
                await io.disconnect(room: Rooms.session(session))
            }
        }
    }

    private func emitChat(_ event: ServerEvent, _ chat: ChatID, to audience: [UserID]) async throws {
        for user in audience {
            guard let view = try? await chats(chat, for: user) else { continue }
            await emit(event, ChatView(view), to: Rooms.user(user))
        }
    }

    /// Encodes once and sends to every socket in `room`.
    private func emit(_ event: ServerEvent, _ payload: some Encodable, to room: String) async {
        guard let value = try? SocketIOValue.encoding(payload) else { return }
        await emit(event, value: value, to: room)
    }

    private func emit(_ event: ServerEvent, value: SocketIOValue, to room: String) async {
        await io.to(room).emit(event.rawValue, value)
    }
}

/// `message:read`: who read up to which message.
struct ReadEvent: Encodable {
    var chatId: ChatID
    var userId: UserID
    var messageId: MessageID
    var seq: Int64
}

/// `message:reaction`: who added or removed which emoji, and the message's reactions after the change.
struct ReactionEvent: Encodable {
    var chatId: ChatID
    var messageId: MessageID
    var userId: UserID
    var emoji: String
    var added: Bool
    var reactions: [ReactionView]
}

/// `message:typing` / `message:stop_typing`.
struct TypingEvent: Encodable {
    var chatId: ChatID
    var userId: UserID
}

/// `chat:participant_added`.
struct ParticipantAdded: Encodable {
    var chatId: ChatID
    var user: PublicProfile
    var role: Role
}

/// `chat:participant_removed`.
struct ParticipantRemoved: Encodable {
    var chatId: ChatID
    var userId: UserID
}
