import Foundation

/// Where chats and their memberships live. Each method is atomic.
public protocol ChatRepository: Sendable {
    /// Stores a new chat with its first members in one transaction.
    func create(_ chat: Chat, members: [Membership]) async throws
    /// The direct chat with `chat.directKey`, created with `members` when absent. Two concurrent calls for the
    /// same pair return the same chat. Returns the chat and whether this call created it.
    func findOrCreateDirect(_ chat: Chat, members: [Membership]) async throws -> (chat: Chat, created: Bool)
    /// The chat, or nil.
    func find(id: ChatID) async throws -> Chat?
    /// Replaces the name and avatar of a chat.
    func update(_ chat: Chat) async throws
    /// Deletes the chat with its memberships and messages. Idempotent.
    func delete(id: ChatID) async throws
    /// The user's membership in the chat, or nil when not a member.
    func membership(chat: ChatID, user: UserID) async throws -> Membership?
    /// Every membership of the chat, oldest first.
    func members(of chat: ChatID) async throws -> [Membership]
    /// Adds a member. Throws `DomainError.conflict` when already a member.
    func addMember(_ membership: Membership) async throws
    /// Removes a member; returns false when they were not one.
    func removeMember(chat: ChatID, user: UserID) async throws -> Bool
    /// Sets a member's role; returns false when they are not a member.
    func setRole(_ role: Role, chat: ChatID, user: UserID) async throws -> Bool
    /// When the chat has members but no ADMIN, makes the longest-standing member ADMIN and returns them.
    func promoteLongestStandingIfNoAdmin(chat: ChatID) async throws -> Membership?
    /// The user's chats, newest activity first, with last message and unread count.
    func summaries(for user: UserID) async throws -> [ChatSummary]
    /// The summary of one chat for a member, or nil when not a member.
    func summary(of chat: ChatID, for user: UserID) async throws -> ChatSummary?
    /// Ids of every user who shares at least one chat with `user` (not `user` itself).
    func contacts(of user: UserID) async throws -> [UserID]
}
