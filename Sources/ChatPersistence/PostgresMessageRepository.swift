import ChatDomain
import Foundation
import PostgresNIO

/// `MessageRepository` on PostgreSQL.
///
/// Appending locks the chat row (`UPDATE chats SET last_seq = last_seq + 1 … RETURNING last_seq`) for the
/// rest of its transaction, so concurrent senders to one chat are serialized: sequence numbers are unique,
/// gap-free (a failed append rolls its increment back) and follow commit order, and `createdAt` never
/// decreases along `seq`.
public struct PostgresMessageRepository: MessageRepository {
    let database: PostgresDatabase

    /// Messages stored in `database` (migrated to the current schema).
    public init(_ database: PostgresDatabase) {
        self.database = database
    }

    /// Appends in one transaction: takes the chat's next `seq`, bumps `last_activity_at` (never backwards),
    /// inserts the message with `createdAt` raised to the previous message's when the caller's clock lags.
    /// A resend of the sender's `clientMessageID` in this chat returns the stored message with
    /// `created: false` and writes nothing, also when the two race (the unique index decides, the loser rolls
    /// back and reads the winner's message). `.notFound` when the chat does not exist.
    public func append(_ message: NewMessage) async throws -> (message: Message, created: Bool) {
        if let existing = try await findResend(of: message) { return (existing, false) }
        do {
            let logger = database.logger
            let stored = try await database.withTransaction { connection in
                let seqs = try await connection.collect(
                    """
                    UPDATE chats SET last_seq = last_seq + 1,
                                     last_activity_at = GREATEST(last_activity_at, \(PostgresRows.millis(message.createdAt)))
                    WHERE id = \(message.chatID.uuid) RETURNING last_seq
                    """,
                    logger: logger
                ) { try $0.decode(Int64.self) }
                guard let seq = seqs.first else { throw DomainError.notFound("chat not found") }
                return try await connection.collect(Self.insert(message, seq: seq), logger: logger, PostgresRows.message)
            }
            guard let created = stored.first else { throw DomainError.notFound("chat not found") }
            return (created, true)
        } catch DomainError.conflict(let reason) {
            if let existing = try await findResend(of: message) { return (existing, false) }
            throw DomainError.conflict(reason)
        }
    }

    /// The message with this id in this chat (tombstones included), or nil.
    public func find(id: MessageID, in chat: ChatID) async throws -> Message? {
        try await database.collect(
            "SELECT \(unescaped: PostgresRows.messageColumns()) FROM messages WHERE id = \(id.uuid) AND chat_id = \(chat.uuid)",
            PostgresRows.message
        ).first
    }

    /// At most `limit` messages in ascending `seq`, read as one range of the `(chat_id, seq)` index (`limit + 1`
    /// rows, the extra one only tells `hasMore`). `.latest` and `.before` read backwards from the newest or
    /// from `S`; `.after` reads forwards from `S`. `DomainError.invalid` when `limit` is below 1.
    public func page(of chat: ChatID, from cursor: HistoryCursor, limit: Int) async throws -> MessagePage {
        guard limit > 0 else { throw DomainError.invalid(field: "limit", reason: "must be at least 1") }
        var rows = try await database.collect(Self.historyQuery(chat: chat, cursor: cursor, limit: limit), PostgresRows.message)
        let hasMore = rows.count > limit
        rows = Array(rows.prefix(limit))
        switch cursor {
        case .after: break
        case .latest, .before: rows.reverse()
        }
        return MessagePage(items: rows, hasMore: hasMore)
    }

    /// Sets content and `editedAt` of a message that is not deleted; nil when absent or a tombstone.
    public func edit(id: MessageID, in chat: ChatID, content: String, at date: Date) async throws -> Message? {
        try await database.collect(
            """
            UPDATE messages SET content = \(content), edited_at = \(PostgresRows.millis(date))
            WHERE id = \(id.uuid) AND chat_id = \(chat.uuid) AND deleted_at IS NULL
            RETURNING \(unescaped: PostgresRows.messageColumns())
            """,
            PostgresRows.message
        ).first
    }

    /// Clears the content and sets `deletedAt` (kept from the first deletion when repeated), and drops the message's
    /// reactions, in one transaction; nil when absent. The UPDATE locks the row first, so a reaction committed while it
    /// waited is seen and dropped, and one arriving later finds the tombstone.
    public func delete(id: MessageID, in chat: ChatID, at date: Date) async throws -> Message? {
        let logger = database.logger
        return try await database.withTransaction { connection in
            let tombstone = try await connection.collect(
                """
                UPDATE messages SET content = NULL, deleted_at = COALESCE(deleted_at, \(PostgresRows.millis(date))),
                                    reactions = NULL
                WHERE id = \(id.uuid) AND chat_id = \(chat.uuid)
                RETURNING \(unescaped: PostgresRows.messageColumns())
                """,
                logger: logger, PostgresRows.message
            ).first
            if tombstone != nil {
                try await connection.run("DELETE FROM message_reactions WHERE message_id = \(id.uuid)", logger: logger)
            }
            return tombstone
        }
    }

    /// `last_read_seq = GREATEST(last_read_seq, seq)` in one statement: the row lock makes concurrent calls
    /// apply one after the other, so the pointer never moves backwards. Returns the pointer after the call;
    /// `.notFound` when `user` is not a member.
    public func advanceReadPointer(chat: ChatID, user: UserID, to seq: Int64) async throws -> Int64 {
        let pointers = try await database.collect(
            """
            UPDATE memberships SET last_read_seq = GREATEST(last_read_seq, \(seq))
            WHERE chat_id = \(chat.uuid) AND user_id = \(user.uuid) RETURNING last_read_seq
            """
        ) { try $0.decode(Int64.self) }
        guard let pointer = pointers.first else { throw DomainError.notFound("not a member of this chat") }
        return pointer
    }

    /// Others' undeleted messages after the member's read pointer, counted on the `(chat_id, seq)` index;
    /// 0 when `user` is not a member.
    public func unreadCount(chat: ChatID, user: UserID) async throws -> Int {
        let counts = try await database.collect(Self.unreadCountQuery(chat: chat, user: user)) { try $0.decode(Int64.self) }
        return Int(counts.first ?? 0)
    }

    private func findResend(of message: NewMessage) async throws -> Message? {
        guard let clientID = message.clientMessageID else { return nil }
        return try await database.collect(
            """
            SELECT \(unescaped: PostgresRows.messageColumns()) FROM messages
            WHERE chat_id = \(message.chatID.uuid) AND sender_id = \(message.senderID.uuid)
              AND client_message_id = \(clientID)
            """,
            PostgresRows.message
        ).first
    }
}

extension PostgresMessageRepository {
    /// One page of history plus one row, newest first except for `.after`.
    static func historyQuery(chat: ChatID, cursor: HistoryCursor, limit: Int) -> PostgresQuery {
        let columns = PostgresRows.messageColumns()
        switch cursor {
        case .latest:
            return """
                SELECT \(unescaped: columns) FROM messages WHERE chat_id = \(chat.uuid)
                ORDER BY seq DESC LIMIT \(limit + 1)
                """
        case .before(let seq):
            return """
                SELECT \(unescaped: columns) FROM messages WHERE chat_id = \(chat.uuid) AND seq < \(seq)
                ORDER BY seq DESC LIMIT \(limit + 1)
                """
        case .after(let seq):
            return """
                SELECT \(unescaped: columns) FROM messages WHERE chat_id = \(chat.uuid) AND seq > \(seq)
                ORDER BY seq LIMIT \(limit + 1)
                """
        }
    }

    static func unreadCountQuery(chat: ChatID, user: UserID) -> PostgresQuery {
        """
        SELECT count(*) FROM messages
        WHERE chat_id = \(chat.uuid)
          AND seq > (SELECT last_read_seq FROM memberships WHERE chat_id = \(chat.uuid) AND user_id = \(user.uuid))
          AND sender_id <> \(user.uuid) AND deleted_at IS NULL
        """
    }

    /// The INSERT of an append, returning the stored row.
    static func insert(_ message: NewMessage, seq: Int64) -> PostgresQuery {
        let createdAt = PostgresRows.millis(message.createdAt)
        return """
            INSERT INTO messages (\(unescaped: PostgresRows.messageColumns()))
            VALUES (\(message.id.uuid), \(message.chatID.uuid), \(seq), \(message.senderID.uuid), \(message.content),
                    \(message.kind.rawValue), \(message.fileID?.uuid), \(message.replyToID?.uuid), \(message.clientMessageID),
                    GREATEST(\(createdAt), (SELECT created_at FROM messages WHERE chat_id = \(message.chatID.uuid)
                                            AND seq = \(seq - 1))),
                    NULL, NULL, NULL)
            RETURNING \(unescaped: PostgresRows.messageColumns())
            """
    }
}
