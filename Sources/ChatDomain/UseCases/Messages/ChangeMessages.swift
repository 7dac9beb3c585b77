import Foundation

/// Edits and deletes messages, with the author and role rules of the contract.
public struct ChangeMessages: Sendable {
    let access: ChatAccess
    let messages: any MessageRepository
    let events: any EventBus
    let clock: any Clock

    /// Checks membership in `chats`, changes `messages`, announces on `events`; times edits and deletes by `clock`.
    public init(chats: any ChatRepository, messages: any MessageRepository, events: any EventBus, clock: any Clock) {
        access = ChatAccess(chats: chats)
        self.messages = messages
        self.events = events
        self.clock = clock
    }

    /// Replaces the content and marks the message edited. Only its author may; a deleted message cannot be edited.
    public func edit(_ messageID: MessageID, in chatID: ChatID, by user: UserID, content: String) async throws -> Message {
        guard let content = try Validation.content(content) else {
            throw DomainError.invalid(field: "content", reason: "must not be empty")
        }
        _ = try await access.membership(user, of: chatID)
        let message = try await existing(messageID, in: chatID)
        guard message.senderID == user else { throw DomainError.forbidden("only the author may edit a message") }
        guard !message.isDeleted else { throw DomainError.conflict("message was deleted") }
        guard let edited = try await messages.edit(id: messageID, in: chatID, content: content, at: clock.now()) else {
            throw DomainError.notFound("message not found")
        }
        await events.publish(.messageEdited(edited))
        return edited
    }

    /// Leaves a tombstone. The author, an ADMIN or a MODERATOR may; deleting twice is harmless.
    public func delete(_ messageID: MessageID, in chatID: ChatID, by user: UserID) async throws -> Message {
        let membership = try await access.membership(user, of: chatID)
        let message = try await existing(messageID, in: chatID)
        guard message.senderID == user || membership.role.canManageMembers else {
            throw DomainError.forbidden("only the author, an ADMIN or a MODERATOR may delete a message")
        }
        if message.isDeleted { return message }
        guard let tombstone = try await messages.delete(id: messageID, in: chatID, at: clock.now()) else {
            throw DomainError.notFound("message not found")
        }
        await events.publish(.messageDeleted(tombstone))
        return tombstone
    }

    private func existing(_ messageID: MessageID, in chatID: ChatID) async throws -> Message {
        guard let message = try await messages.find(id: messageID, in: chatID) else {
            throw DomainError.notFound("message not found")
        }
        return message
    }
}
