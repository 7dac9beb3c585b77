import ChatDomain
import Foundation
import GRDB

/// `ReactionRepository` on SQLite. Each change runs in one write transaction (shared with concurrent writes, each in a
/// savepoint of its own: see `SQLiteGroupCommit`), and the single writer applies changes one after the other, so the
/// summary recomputed from the message's rows in that transaction is always exact.
public struct SQLiteReactionRepository: ReactionRepository {
    private let database: SQLiteDatabase

    /// Reactions stored in `database`.
    public init(_ database: SQLiteDatabase) { self.database = database }

    /// Inserts the reaction unless present; when it was new, rewrites `messages.reactions` from the message's rows.
    public func add(_ emoji: String, to message: MessageID, in chat: ChatID, by user: UserID, at date: Date)
        async throws -> ReactionChange
    {
        try await database.groupedWrite { db in
            let summary = try Self.liveSummary(of: message, in: chat, db)
            try db.cachedStatement(
                sql: """
                    INSERT OR IGNORE INTO message_reactions (message_id, user_id, emoji, created_at) VALUES (?, ?, ?, ?)
                    """
            ).execute(arguments: [message.description, user.description, emoji, date.epochMilliseconds])
            return try Self.change(of: message, by: user, changed: db.changesCount > 0, summary: summary, db)
        }
    }

    /// Deletes the reaction when present; then rewrites `messages.reactions` from the message's rows.
    public func remove(_ emoji: String, from message: MessageID, in chat: ChatID, by user: UserID) async throws
        -> ReactionChange
    {
        try await database.groupedWrite { db in
            let summary = try Self.liveSummary(of: message, in: chat, db)
            try db.cachedStatement(
                sql: "DELETE FROM message_reactions WHERE message_id = ? AND user_id = ? AND emoji = ?"
            ).execute(arguments: [message.description, user.description, emoji])
            return try Self.change(of: message, by: user, changed: db.changesCount > 0, summary: summary, db)
        }
    }

    /// One query on the `message_reactions_key` index, whatever the number of messages.
    public func mine(by user: UserID, on messages: [MessageID]) async throws -> [MessageID: [String]] {
        guard !messages.isEmpty else { return [:] }
        let placeholders = Array(repeating: "?", count: messages.count).joined(separator: ", ")
        let values = messages.map(\.description) + [user.description]
        let rows = try await database.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT message_id, emoji FROM message_reactions
                    WHERE message_id IN (\(placeholders)) AND user_id = ? ORDER BY id
                    """,
                arguments: StatementArguments(values)
            ).map { row -> (MessageID, String) in (try row.identifier("message_id"), try row.required("emoji")) }
        }
        return Dictionary(grouping: rows, by: { $0.0 }).mapValues { $0.map { $0.1 } }
    }

    /// The stored summary of a message that can take reactions. Throws `.notFound` when the message is not in the
    /// chat, `.conflict` when it is a tombstone.
    private static func liveSummary(of message: MessageID, in chat: ChatID, _ db: Database) throws -> String? {
        guard
            let row = try Row.fetchOne(
                db.cachedStatement(sql: "SELECT deleted_at, reactions FROM messages WHERE id = ? AND chat_id = ?"),
                arguments: [message.description, chat.description])
        else { throw DomainError.notFound("message not found") }
        guard (row["deleted_at"] as Int64?) == nil else { throw DomainError.conflict("message was deleted") }
        return row["reactions"]
    }

    /// The change as the reacting member sees it; when `changed`, first rewrites the summary from the message's rows.
    private static func change(of message: MessageID, by user: UserID, changed: Bool, summary: String?, _ db: Database)
        throws -> ReactionChange
    {
        var reactions = ReactionSummaryText.decode(summary)
        if changed {
            reactions = try Row.fetchAll(
                db.cachedStatement(
                    sql: """
                        SELECT emoji, count(*) AS n FROM message_reactions WHERE message_id = ?
                        GROUP BY emoji ORDER BY min(id)
                        """),
                arguments: [message.description]
            ).map { ReactionCount(emoji: try $0.required("emoji"), count: try $0.required("n")) }
            try db.cachedStatement(sql: "UPDATE messages SET reactions = ? WHERE id = ?")
                .execute(arguments: [ReactionSummaryText.encode(reactions), message.description])
        }
        let mine = try String.fetchAll(
            db.cachedStatement(sql: "SELECT emoji FROM message_reactions WHERE message_id = ? AND user_id = ? ORDER BY id"),
            arguments: [message.description, user.description])
        return ReactionChange(reactions: reactions, mine: mine, changed: changed)
    }
}
