import Foundation

/// Renames a group (ADMIN or MODERATOR).
public struct UpdateChat: Sendable {
    let chats: any ChatRepository
    let users: any UserRepository
    let events: any EventBus

    /// Updates `chats`, reads direct-chat titles from `users`, announces changes on `events`.
    public init(chats: any ChatRepository, users: any UserRepository, events: any EventBus) {
        self.chats = chats
        self.users = users
        self.events = events
    }

    /// The renamed chat. Throws `.forbidden` for members without the role and for direct chats.
    public func callAsFunction(_ chatID: ChatID, by user: UserID, name: String?) async throws -> ChatOverview {
        var (chat, _) = try await ChatAccess(chats: chats).manager(user, of: chatID)
        if let name {
            chat.name = try Validation.name(name)
            try await chats.update(chat)
            await events.publish(.chatUpdated(chat: chatID, audience: try await ChatAccess(chats: chats).memberIDs(of: chatID)))
        }
        return try await GetChat(chats: chats, users: users)(chatID, for: user)
    }

    /// Sets or clears the group's avatar (ADMIN or MODERATOR); the file must be the caller's image.
    public func avatar(_ chatID: ChatID, by user: UserID, file: StoredFile?) async throws -> ChatOverview {
        var (chat, _) = try await ChatAccess(chats: chats).manager(user, of: chatID)
        if let file {
            guard file.ownerID == user else { throw DomainError.forbidden("only the uploader may use this file") }
            guard file.kind == .image else { throw DomainError.invalid(field: "file", reason: "must be an image") }
        }
        chat.avatarFileID = file?.id
        try await chats.update(chat)
        await events.publish(.chatUpdated(chat: chatID, audience: try await ChatAccess(chats: chats).memberIDs(of: chatID)))
        return try await GetChat(chats: chats, users: users)(chatID, for: user)
    }
}

/// Deletes a chat for everyone: an ADMIN of a group, or either member of a direct chat.
public struct DeleteChat: Sendable {
    let chats: any ChatRepository
    let events: any EventBus

    /// Deletes from `chats` and announces on `events`.
    public init(chats: any ChatRepository, events: any EventBus) {
        self.chats = chats
        self.events = events
    }

    /// Deletes the chat with its messages. Throws `.forbidden` when the caller may not.
    public func callAsFunction(_ chatID: ChatID, by user: UserID) async throws {
        let access = ChatAccess(chats: chats)
        let (chat, membership) = try await access.member(user, of: chatID)
        if chat.kind == .group, membership.role != .admin {
            throw DomainError.forbidden("only an ADMIN may delete the chat")
        }
        let audience = try await access.memberIDs(of: chatID)
        try await chats.delete(id: chatID)
        await events.publish(.chatDeleted(chat: chatID, audience: audience))
    }
}
