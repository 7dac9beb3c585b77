import ChatDomain
import Foundation

/// Messages and read pointers in memory for chats that live elsewhere (another repository, a database): the
/// benchmark's ceiling runs the server with it, to measure what persisting messages costs. It knows no chats, so it
/// keeps only part of the `MessageRepository` contract: appending to a chat that does not exist stores the message
/// instead of throwing, the chat's `lastSeq` and `lastActivityAt` are not moved, read pointers are kept for anyone
/// (not only members), and no word index or reactions are kept. Use `MemoryMessageRepository` for a complete one.
///
/// What it does keep: per chat, gap-free `seq` 1, 2, 3… in append order; idempotent appends by client message id;
/// history pages as the contract pages them; edits, tombstones and read pointers that only move forward.
public actor DetachedMemoryMessageRepository: MessageRepository {
    private var messages = MessageLog()
    private var pointers: [ChatID: [UserID: Int64]] = [:]

    /// An empty repository.
    public init() {}

    /// Returns the sender's earlier message with the same `clientMessageID` in this chat (created false), or
    /// stores the message with the chat's next `seq` (created true). Throws `DomainError.conflict` when the id is
    /// taken by another message.
    public func append(_ message: NewMessage) throws -> (message: Message, created: Bool) {
        if let earlier = messages.earlier(message) { return (earlier, false) }
        return (try messages.append(message), true)
    }

    /// The message with this id in this chat (a tombstone included), or nil.
    public func find(id: MessageID, in chat: ChatID) -> Message? { messages.message(id, in: chat) }

    /// Up to `limit` messages in ascending `seq`, as `MessageRepository.page` promises. Throws
    /// `DomainError.invalid` when `limit` is below 1.
    public func page(of chat: ChatID, from cursor: HistoryCursor, limit: Int) throws -> MessagePage {
        try messages.page(of: chat, from: cursor, limit: limit)
    }

    /// Sets content and `editedAt` of a message that is not deleted; returns it, or nil when absent or deleted.
    public func edit(id: MessageID, in chat: ChatID, content: String, at date: Date) -> Message? {
        messages.update(id, in: chat) { message in
            guard !message.isDeleted else { return false }
            message.content = content
            message.editedAt = date
            return true
        }
    }

    /// Leaves a tombstone (content nil, `deletedAt` set once); returns it, or nil when absent.
    public func delete(id: MessageID, in chat: ChatID, at date: Date) -> Message? {
        messages.update(id, in: chat) { message in
            message.content = nil
            message.deletedAt = message.deletedAt ?? date
            message.reactions = []
            return true
        }
    }

    /// Moves the user's read pointer in the chat to `seq` when that is forward; returns the pointer after the call.
    /// Never throws: membership is not known here.
    public func advanceReadPointer(chat: ChatID, user: UserID, to seq: Int64) -> Int64 {
        let pointer = max(pointers[chat]?[user] ?? 0, seq)
        pointers[chat, default: [:]][user] = pointer
        return pointer
    }

    /// Others' undeleted messages after the user's read pointer (all of them when the user never read).
    public func unreadCount(chat: ChatID, user: UserID) -> Int {
        messages.unreadCount(chat: chat, user: user, after: pointers[chat]?[user] ?? 0)
    }
}
