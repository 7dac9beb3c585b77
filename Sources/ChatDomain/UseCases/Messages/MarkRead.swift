import Foundation

/// Moves a member's read pointer up to a message; never backwards.
public struct MarkRead: Sendable {
    let access: ChatAccess
    let messages: any MessageRepository
    let events: any EventBus

    /// Checks membership in `chats`, moves pointers in `messages`, announces reads on `events`.
    public init(chats: any ChatRepository, messages: any MessageRepository, events: any EventBus) {
        access = ChatAccess(chats: chats)
        self.messages = messages
        self.events = events
    }

    /// The read pointer after the call and the unread count it leaves. Announces the read only when the
    /// pointer moved.
    public func callAsFunction(_ messageID: MessageID, in chatID: ChatID, by user: UserID) async throws -> (
        lastReadSeq: Int64, unreadCount: Int
    ) {
        let membership = try await access.membership(user, of: chatID)
        guard let message = try await messages.find(id: messageID, in: chatID) else {
            throw DomainError.notFound("message not found")
        }
        let pointer = try await messages.advanceReadPointer(chat: chatID, user: user, to: message.seq)
        if pointer > membership.lastReadSeq, pointer == message.seq {
            await events.publish(.messageRead(chat: chatID, user: user, message: messageID, seq: message.seq))
        }
        return (pointer, try await messages.unreadCount(chat: chatID, user: user))
    }
}

/// Tells a chat that a member started or stopped typing.
public struct Typing: Sendable {
    let access: ChatAccess
    let events: any EventBus

    /// Checks membership in `chats` and announces on `events`; stores nothing.
    public init(chats: any ChatRepository, events: any EventBus) {
        access = ChatAccess(chats: chats)
        self.events = events
    }

    /// Announces the typing state. Throws the membership refusals.
    public func callAsFunction(_ chatID: ChatID, by user: UserID, isTyping: Bool) async throws {
        _ = try await access.membership(user, of: chatID)
        await events.publish(.typing(chat: chatID, user: user, isTyping: isTyping))
    }
}
