import Foundation

/// Where messages and read pointers live.
public protocol MessageRepository: Sendable {
    /// Appends a message, assigning the chat's next sequence number and bumping its activity, atomically.
    /// When the sender already sent `clientMessageID` to this chat, returns that message instead and writes
    /// nothing. Returns the stored message and whether this call created it.
    func append(_ message: NewMessage) async throws -> (message: Message, created: Bool)
    /// The message with this id in this chat, or nil.
    func find(id: MessageID, in chat: ChatID) async throws -> Message?
    /// A page of history in ascending `seq`, using the (chat, seq) index: cost independent of history length.
    func page(of chat: ChatID, from cursor: HistoryCursor, limit: Int) async throws -> MessagePage
    /// Sets content and `editedAt`; returns the updated message, or nil when absent.
    func edit(id: MessageID, in chat: ChatID, content: String, at date: Date) async throws -> Message?
    /// Leaves a tombstone (content nil, `deletedAt` set) and drops the message's reactions in the same transaction;
    /// returns it, or nil when absent.
    func delete(id: MessageID, in chat: ChatID, at date: Date) async throws -> Message?
    /// Moves the member's read pointer to `seq` when that is forward; never backwards, also under
    /// concurrent calls. Returns the pointer after the call.
    func advanceReadPointer(chat: ChatID, user: UserID, to seq: Int64) async throws -> Int64
    /// Others' undeleted messages after the member's read pointer.
    func unreadCount(chat: ChatID, user: UserID) async throws -> Int
}
