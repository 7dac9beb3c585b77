import ChatDomain
import Foundation
import GRDB

/// `MessageRepository` on SQLite. Appends are serialized by the single writer, so sequence numbers are
/// gap-free and unique per chat; history and unread counts search the `messages_chat_seq` index.
public struct SQLiteMessageRepository: MessageRepository {
    private let database: SQLiteDatabase

    /// Messages and read pointers stored in `database`.
    public init(_ database: SQLiteDatabase) { self.database = database }

    /// In one write transaction (possibly shared with other appends, each in its own savepoint): returns the sender's earlier message with the same `clientMessageID` in this
    /// chat (created false, nothing written), or sets `chats.last_seq = last_seq + 1`, moves `last_activity_at`
    /// forward to the message's time and inserts the message with that seq (created true), its words joining the
    /// search vocabulary.
    /// Throws `DomainError.notFound` when the chat is gone, `.conflict` when the message id is taken.
    public func append(_ message: NewMessage) async throws -> (message: Message, created: Bool) {
        // Concurrent sends (to different chats) share one transaction: see `SQLiteGroupCommit`.
        try await database.groupedWrite { db in
            if let clientID = message.clientMessageID,
                let row = try Row.fetchOne(
                    db.cachedStatement(
                        sql: """
                        SELECT \(SQLiteColumns.message) FROM messages
                        WHERE chat_id = ? AND sender_id = ? AND client_message_id = ?
                        """),
                    arguments: [message.chatID.description, message.senderID.description, clientID])
            {
                return (try Message(row: row), false)
            }
            guard let seq = try Int64.fetchOne(
                db.cachedStatement(
                    sql: """
                    UPDATE chats SET last_seq = last_seq + 1, last_activity_at = max(last_activity_at, ?)
                    WHERE id = ? RETURNING last_seq
                    """),
                arguments: [message.createdAt.epochMilliseconds, message.chatID.description])
            else { throw DomainError.notFound("chat not found") }
            let stored = Message(
                id: message.id, chatID: message.chatID, seq: seq, senderID: message.senderID,
                content: message.content, kind: message.kind, fileID: message.fileID, replyToID: message.replyToID,
                clientMessageID: message.clientMessageID, createdAt: message.createdAt)
            try db.cachedStatement(
                sql: "INSERT INTO messages (\(SQLiteColumns.message)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, NULL)"
            ).execute(
                arguments: [
                    stored.id.description, stored.chatID.description, stored.seq, stored.senderID.description,
                    stored.content, stored.kind.rawValue, stored.fileID?.description, stored.replyToID?.description,
                    stored.clientMessageID, stored.createdAt.epochMilliseconds,
                ])
            try SQLiteSearchVocabulary.record(stored.content, db)
            return (stored, true)
        }
    }

    /// The message with this id in this chat (a tombstone included), or nil.
    public func find(id: MessageID, in chat: ChatID) async throws -> Message? {
        try await database.read { db in try Self.fetch(id: id, in: chat, db) }
    }

    /// Up to `limit` messages in ascending seq: the newest (`latest`), those just below S (`before(S)`) or just
    /// above S (`after(S)`); `hasMore` tells whether more exist in that direction. Reads `limit + 1` rows from
    /// the (chat_id, seq) index, so the cost does not depend on history length. Throws `DomainError.invalid`
    /// when `limit` is below 1.
    public func page(of chat: ChatID, from cursor: HistoryCursor, limit: Int) async throws -> MessagePage {
        guard limit >= 1 else { throw DomainError.invalid(field: "limit", reason: "must be at least 1") }
        let (sql, arguments) = Self.pageQuery(chat: chat, cursor: cursor, limit: limit)
        let rows = try await database.read { db in
            try Row.fetchAll(db.cachedStatement(sql: sql), arguments: arguments).map { try Message(row: $0) }
        }
        let hasMore = rows.count > limit
        var items = Array(rows.prefix(limit))
        if case .after = cursor {} else { items.reverse() }
        return MessagePage(items: items, hasMore: hasMore)
    }

    /// Sets content and `editedAt` of a message that is not deleted, the new words joining the search vocabulary;
    /// returns it, or nil when absent or deleted.
    public func edit(id: MessageID, in chat: ChatID, content: String, at date: Date) async throws -> Message? {
        try await database.write { db in
            try db.execute(
                sql: """
                    UPDATE messages SET content = ?, edited_at = ?
                    WHERE id = ? AND chat_id = ? AND deleted_at IS NULL
                    """,
                arguments: [content, date.epochMilliseconds, id.description, chat.description])
            guard db.changesCount > 0 else { return nil }
            try SQLiteSearchVocabulary.record(content, db)
            return try Self.fetch(id: id, in: chat, db)
        }
    }

    /// Leaves a tombstone (content nil, `deletedAt` set once: deleting again keeps the first date) and drops the
    /// message's reactions in the same transaction; returns it, or nil when absent.
    public func delete(id: MessageID, in chat: ChatID, at date: Date) async throws -> Message? {
        try await database.write { db in
            try db.execute(
                sql: """
                    UPDATE messages SET content = NULL, deleted_at = coalesce(deleted_at, ?), reactions = NULL
                    WHERE id = ? AND chat_id = ?
                    """,
                arguments: [date.epochMilliseconds, id.description, chat.description])
            guard db.changesCount > 0 else { return nil }
            try db.execute(sql: "DELETE FROM message_reactions WHERE message_id = ?", arguments: [id.description])
            return try Self.fetch(id: id, in: chat, db)
        }
    }

    /// `last_read_seq = max(last_read_seq, seq)` in one statement, so it never moves backwards, also under
    /// concurrent calls; returns the pointer after the call. Throws `DomainError.notFound` when not a member.
    public func advanceReadPointer(chat: ChatID, user: UserID, to seq: Int64) async throws -> Int64 {
        let pointer = try await database.write { db in
            try Int64.fetchOne(
                db,
                sql: """
                    UPDATE memberships SET last_read_seq = max(last_read_seq, ?)
                    WHERE chat_id = ? AND user_id = ? RETURNING last_read_seq
                    """,
                arguments: [seq, chat.description, user.description])
        }
        guard let pointer else { throw DomainError.notFound("not a member of the chat") }
        return pointer
    }

    /// Others' undeleted messages after the member's read pointer (0 when not a member), counted on the
    /// (chat_id, seq) index.
    public func unreadCount(chat: ChatID, user: UserID) async throws -> Int {
        try await database.read { db in
            try Int.fetchOne(db, sql: Self.unreadSQL, arguments: [chat.description, chat.description, user.description, user.description]) ?? 0
        }
    }

    package static let unreadSQL = """
        SELECT count(*) FROM messages
        WHERE chat_id = ?
          AND seq > (SELECT last_read_seq FROM memberships WHERE chat_id = ? AND user_id = ?)
          AND sender_id <> ? AND deleted_at IS NULL
        """

    /// The SQL and arguments of a history page (exposed to the package for query-plan tests).
    package static func pageQuery(chat: ChatID, cursor: HistoryCursor, limit: Int) -> (String, StatementArguments) {
        let select = "SELECT \(SQLiteColumns.message) FROM messages WHERE chat_id = ?"
        switch cursor {
        case .latest:
            return (select + " ORDER BY seq DESC LIMIT ?", [chat.description, limit + 1])
        case .before(let seq):
            return (select + " AND seq < ? ORDER BY seq DESC LIMIT ?", [chat.description, seq, limit + 1])
        case .after(let seq):
            return (select + " AND seq > ? ORDER BY seq ASC LIMIT ?", [chat.description, seq, limit + 1])
        }
    }

    private static func fetch(id: MessageID, in chat: ChatID, _ db: Database) throws -> Message? {
        try Row.fetchOne(
            db.cachedStatement(sql: "SELECT \(SQLiteColumns.message) FROM messages WHERE id = ? AND chat_id = ?"),
            arguments: [id.description, chat.description]
        ).map { try Message(row: $0) }
    }
}
