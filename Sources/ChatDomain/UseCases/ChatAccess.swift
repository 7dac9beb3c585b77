import Foundation

/// The membership checks every chat action starts with.
public struct ChatAccess: Sendable {
    let chats: any ChatRepository

    /// Answers from `chats`.
    public init(chats: any ChatRepository) { self.chats = chats }

    /// The chat and the caller's membership. Throws `.notFound` when the chat does not exist and
    /// `.forbidden` when the caller is not a member.
    public func member(_ user: UserID, of chatID: ChatID) async throws -> (Chat, Membership) {
        guard let chat = try await chats.find(id: chatID) else { throw DomainError.notFound("chat not found") }
        guard let membership = try await chats.membership(chat: chatID, user: user) else {
            throw DomainError.forbidden("not a member of this chat")
        }
        return (chat, membership)
    }

    /// The caller's membership, when only that is needed: one query when the caller is a member (the common case);
    /// the chat is looked up only to tell `.notFound` (no such chat) from `.forbidden` (not a member).
    public func membership(_ user: UserID, of chatID: ChatID) async throws -> Membership {
        if let membership = try await chats.membership(chat: chatID, user: user) { return membership }
        guard try await chats.find(id: chatID) != nil else { throw DomainError.notFound("chat not found") }
        throw DomainError.forbidden("not a member of this chat")
    }

    /// Like `member`, and also requires a group chat and a role that manages members (ADMIN or MODERATOR).
    public func manager(_ user: UserID, of chatID: ChatID) async throws -> (Chat, Membership) {
        let (chat, membership) = try await member(user, of: chatID)
        guard chat.kind == .group else { throw DomainError.forbidden("direct chats cannot be managed") }
        guard membership.role.canManageMembers else {
            throw DomainError.forbidden("only an ADMIN or MODERATOR may do this")
        }
        return (chat, membership)
    }

    /// Like `member`, and also requires a group chat and the ADMIN role.
    public func admin(_ user: UserID, of chatID: ChatID) async throws -> (Chat, Membership) {
        let (chat, membership) = try await member(user, of: chatID)
        guard chat.kind == .group else { throw DomainError.forbidden("direct chats cannot be managed") }
        guard membership.role == .admin else { throw DomainError.forbidden("only an ADMIN may do this") }
        return (chat, membership)
    }

    /// The ids of every member of the chat.
    public func memberIDs(of chatID: ChatID) async throws -> [UserID] {
        try await chats.members(of: chatID).map(\.userID)
    }
}
