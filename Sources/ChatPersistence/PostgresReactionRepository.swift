import ChatDomain
import Foundation
import Logging
import PostgresNIO

/// `ReactionRepository` on PostgreSQL. Each change runs in one transaction that first locks the message row
/// (`SELECT … FOR UPDATE`): concurrent changes to one message apply one after the other, and each recomputes the
/// summary from the rows committed before it, so no count is lost or doubled. Changes to different messages never wait
/// for each other.
public struct PostgresReactionRepository: ReactionRepository {
    let database: PostgresDatabase

    /// Reactions stored in `database` (migrated to the current schema).
    public init(_ database: PostgresDatabase) { self.database = database }

    /// Inserts the reaction unless present (`ON CONFLICT DO NOTHING`); when it was new, rewrites `messages.reactions`.
    public func add(_ emoji: String, to message: MessageID, in chat: ChatID, by user: UserID, at date: Date)
        async throws -> ReactionChange
    {
        let logger = database.logger
        return try await database.withTransaction { connection in
            let summary = try await Self.lockLive(message, in: chat, connection, logger: logger)
            let inserted = try await connection.collect(
                """
                INSERT INTO message_reactions (message_id, user_id, emoji, created_at)
                VALUES (\(message.uuid), \(user.uuid), \(emoji), \(PostgresRows.millis(date)))
                ON CONFLICT ON CONSTRAINT message_reactions_key DO NOTHING RETURNING id
                """,
                logger: logger
            ) { try $0.decode(Int64.self) }
            return try await Self.change(
                of: message, by: user, changed: !inserted.isEmpty, summary: summary, connection, logger: logger)
        }
    }

    /// Deletes the reaction when present; then rewrites `messages.reactions`.
    public func remove(_ emoji: String, from message: MessageID, in chat: ChatID, by user: UserID) async throws
        -> ReactionChange
    {
        let logger = database.logger
        return try await database.withTransaction { connection in
            let summary = try await Self.lockLive(message, in: chat, connection, logger: logger)
            let deleted = try await connection.collect(
                """
                DELETE FROM message_reactions
                WHERE message_id = \(message.uuid) AND user_id = \(user.uuid) AND emoji = \(emoji) RETURNING id
                """,
                logger: logger
            ) { try $0.decode(Int64.self) }
            return try await Self.change(
                of: message, by: user, changed: !deleted.isEmpty, summary: summary, connection, logger: logger)
        }
    }

    /// One query on the `message_reactions_key` index, whatever the number of messages.
    public func mine(by user: UserID, on messages: [MessageID]) async throws -> [MessageID: [String]] {
        guard !messages.isEmpty else { return [:] }
        let rows = try await database.collect(
            """
            SELECT message_id, emoji FROM message_reactions
            WHERE message_id = ANY(\(messages.map(\.uuid))) AND user_id = \(user.uuid) ORDER BY id
            """
        ) { row -> (MessageID, String) in
            var cells = PostgresCells(row)
            return (MessageID(try cells.next(UUID.self)), try cells.next(String.self))
        }
        return Dictionary(grouping: rows, by: { $0.0 }).mapValues { $0.map { $0.1 } }
    }

    /// Locks the message row for the rest of the transaction and returns its stored summary. Throws `.notFound` when
    /// the message is not in the chat, `.conflict` when it is a tombstone.
    private static func lockLive(_ message: MessageID, in chat: ChatID, _ connection: PostgresConnection, logger: Logger)
        async throws -> String?
    {
        let rows = try await connection.collect(
            "SELECT deleted_at, reactions FROM messages WHERE id = \(message.uuid) AND chat_id = \(chat.uuid) FOR UPDATE",
            logger: logger
        ) { row -> (deletedAt: Int64?, summary: String?) in
            var cells = PostgresCells(row)
            return (try cells.next(Int64?.self), try cells.next(String?.self))
        }
        guard let (deletedAt, summary) = rows.first else { throw DomainError.notFound("message not found") }
        guard deletedAt == nil else { throw DomainError.conflict("message was deleted") }
        return summary
    }

    /// The change as the reacting member sees it; when `changed`, first rewrites the summary from the message's rows.
    private static func change(
        of message: MessageID, by user: UserID, changed: Bool, summary: String?, _ connection: PostgresConnection,
        logger: Logger
    ) async throws -> ReactionChange {
        var summary = summary
        if changed {
            summary = try await connection.collect(
                """
                UPDATE messages SET reactions = (
                    SELECT string_agg(emoji || ' ' || n, ' ' ORDER BY first_id) FROM (
                        SELECT emoji, count(*) AS n, min(id) AS first_id FROM message_reactions
                        WHERE message_id = \(message.uuid) GROUP BY emoji
                    ) counts
                )
                WHERE id = \(message.uuid) RETURNING reactions
                """,
                logger: logger
            ) { try $0.decode(String?.self) }.first ?? nil
        }
        let mine = try await connection.collect(
            """
            SELECT emoji FROM message_reactions WHERE message_id = \(message.uuid) AND user_id = \(user.uuid) ORDER BY id
            """,
            logger: logger
        ) { try $0.decode(String.self) }
        return ReactionChange(reactions: ReactionSummaryText.decode(summary), mine: mine, changed: changed)
    }
}
