import ChatDomain
import Foundation

/// `MessageRepository` in a `MemoryStore`: messages of the store's chats, read pointers on its memberships, and the
/// store's word index kept in step with every append, edit and delete.
public struct MemoryMessageRepository: MessageRepository {
    /// The store holding the messages.
    public let store: MemoryStore

    /// The messages of `store`.
    public init(store: MemoryStore) { self.store = store }

    /// In one atomic step: returns the sender's earlier message with the same `clientMessageID` in this chat
    /// (created false, nothing written), or stores the message with the chat's next `seq`, moves the chat's
    /// `lastActivityAt` forward to its time, and returns it (created true). Throws `DomainError.notFound` when the
    /// chat, the sender or the attached file is gone, `.conflict` when the message id is taken.
    public func append(_ message: NewMessage) async throws -> (message: Message, created: Bool) {
        try await store.append(message)
    }

    /// The message with this id in this chat (a tombstone included), or nil.
    public func find(id: MessageID, in chat: ChatID) async throws -> Message? { await store.message(id, in: chat) }

    /// Up to `limit` messages in ascending `seq`: the newest, those just below or those just above a `seq`;
    /// `hasMore` tells whether more exist in that direction. Throws `DomainError.invalid` when `limit` is below 1.
    public func page(of chat: ChatID, from cursor: HistoryCursor, limit: Int) async throws -> MessagePage {
        try await store.page(of: chat, from: cursor, limit: limit)
    }

    /// Sets content and `editedAt` of a message that is not deleted; returns it, or nil when absent or deleted.
    public func edit(id: MessageID, in chat: ChatID, content: String, at date: Date) async throws -> Message? {
        await store.edit(id: id, in: chat, content: content, at: date)
    }

    /// Leaves a tombstone (content nil, `deletedAt` set once: deleting again keeps the first date) and drops the
    /// message's reactions in the same step; returns it, or nil when absent.
    public func delete(id: MessageID, in chat: ChatID, at date: Date) async throws -> Message? {
        await store.delete(id: id, in: chat, at: date)
    }

    /// Moves the member's read pointer to `seq` when that is forward, never backwards; returns the pointer after
    /// the call. Throws `DomainError.notFound` when not a member.
    public func advanceReadPointer(chat: ChatID, user: UserID, to seq: Int64) async throws -> Int64 {
        try await store.advanceReadPointer(chat: chat, user: user, to: seq)
    }

    /// Others' undeleted messages after the member's read pointer; 0 when not a member.
    public func unreadCount(chat: ChatID, user: UserID) async throws -> Int {
        await store.unreadCount(chat: chat, user: user)
    }
}
