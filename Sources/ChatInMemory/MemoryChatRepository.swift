import ChatDomain
import Foundation

/// `ChatRepository` in a `MemoryStore`. Summaries are computed from the same store as the messages, so they are
/// always current.
public struct MemoryChatRepository: ChatRepository {
    /// The store holding the chats.
    public let store: MemoryStore

    /// The chats of `store`.
    public init(store: MemoryStore) { self.store = store }

    /// Stores the chat with its members. Throws `DomainError.conflict` when the id or direct key is taken or a
    /// member is listed twice, `.notFound` when a member's user does not exist; nothing is stored then.
    public func create(_ chat: Chat, members: [Membership]) async throws {
        try await store.createChat(chat, members: members)
    }

    /// The chat with `chat.directKey`, or `chat` created with `members` (created true) when there is none; one
    /// atomic step, so concurrent calls for a pair create one chat. Throws `DomainError.invalid` without a direct
    /// key, `.conflict` when `chat.id` is taken by another chat.
    public func findOrCreateDirect(_ chat: Chat, members: [Membership]) async throws -> (chat: Chat, created: Bool) {
        try await store.findOrCreateDirect(chat, members: members)
    }

    /// The chat, or nil.
    public func find(id: ChatID) async throws -> Chat? { await store.chat(id) }

    /// Replaces the name and avatar. Throws `DomainError.notFound` when the chat or the avatar's file is gone.
    public func update(_ chat: Chat) async throws { try await store.updateChat(chat) }

    /// Deletes the chat with its memberships, messages and their reactions. Idempotent.
    public func delete(id: ChatID) async throws { await store.deleteChat(id) }

    /// The membership, or nil when not a member.
    public func membership(chat: ChatID, user: UserID) async throws -> Membership? {
        await store.membership(chat: chat, user: user)
    }

    /// Every membership of the chat, oldest first (ties in the order added); empty for an unknown chat.
    public func members(of chat: ChatID) async throws -> [Membership] { await store.members(of: chat) }

    /// Adds a member. Throws `DomainError.conflict` when already a member, `.notFound` when the chat or the user is
    /// gone.
    public func addMember(_ membership: Membership) async throws { try await store.addMember(membership) }

    /// Removes a member; false when they were not one.
    public func removeMember(chat: ChatID, user: UserID) async throws -> Bool {
        await store.removeMember(chat: chat, user: user)
    }

    /// Sets a member's role; false when they are not a member.
    public func setRole(_ role: Role, chat: ChatID, user: UserID) async throws -> Bool {
        await store.setRole(role, chat: chat, user: user)
    }

    /// In one atomic step: when the chat has members but no ADMIN, makes the earliest joined member ADMIN and
    /// returns the updated membership; nil when there is an ADMIN or no member.
    public func promoteLongestStandingIfNoAdmin(chat: ChatID) async throws -> Membership? {
        await store.promoteLongestStandingIfNoAdmin(chat: chat)
    }

    /// The user's chats, newest activity first (ties by id), with last message (a tombstone included), unread
    /// count, role and, for direct chats, the peer.
    public func summaries(for user: UserID) async throws -> [ChatSummary] { await store.summaries(for: user) }

    /// The summary of one chat, as `summaries` lists it; nil when the user is not a member.
    public func summary(of chat: ChatID, for user: UserID) async throws -> ChatSummary? {
        await store.summary(of: chat, for: user)
    }

    /// Ids of every user sharing at least one chat with `user`, without `user`, ordered by id.
    public func contacts(of user: UserID) async throws -> [UserID] { await store.contacts(of: user) }
}
