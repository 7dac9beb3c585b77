import ChatDomain
import Foundation
import GRDB

/// `MessageSearchIndex` on SQLite: the FTS5 table `messages_search` (schema 0003), which triggers keep in step
/// with `messages` inside each writing transaction, grouped sends included.
///
/// Results come newest first in commit order: the order of the messages' rowids, which FTS5 walks backwards
/// straight from the index, so a page stops reading after `limit + 1` matches in the caller's chats instead of
/// sorting every match. The cursor is the rowid of the last message of a page.
public struct SQLiteMessageSearchIndex: MessageSearchIndex {
    private let database: SQLiteDatabase

    /// The index of the messages stored in `database`.
    public init(_ database: SQLiteDatabase) { self.database = database }

    /// Up to `limit` matches, newest first, from the caller's chats (only `chat` when given). Throws
    /// `DomainError.invalid` for a `cursor` that is not a rowid and for a `limit` below 1.
    public func search(
        _ terms: SearchTerms, for user: UserID, in chat: ChatID?, after cursor: String?, limit: Int
    ) async throws -> MessageSearchPage {
        guard limit >= 1 else { throw DomainError.invalid(field: "limit", reason: "must be at least 1") }
        let below = try cursor.map(Self.rowid(fromCursor:)) ?? Int64.max
        guard !terms.words.isEmpty else { return .empty }
        let (sql, arguments) = Self.searchQuery(terms, user: user, chat: chat, below: below, limit: limit)
        let rows = try await database.read { db in
            try Row.fetchAll(db.cachedStatement(sql: sql), arguments: arguments).map { row -> (message: Message, rowid: Int64) in
                let message = try Message(row: row)
                return (message, try row.required("search_rowid", as: Int64.self))
            }
        }
        let page = rows.prefix(limit)
        let next = rows.count > limit ? page.last.map { String($0.rowid) } : nil
        return MessageSearchPage(items: page.map { $0.message }, nextCursor: next)
    }

    /// The FTS5 query of `terms`: each word one quoted string with the prefix flag (`"word"*`), all of them
    /// required. Inside a quoted string only `"` is special, doubled here; words never hold one anyway.
    package static func matchExpression(_ terms: SearchTerms) -> String {
        terms.words.map { "\"\($0.replacingOccurrences(of: "\"", with: "\"\""))\"*" }.joined(separator: " ")
    }

    /// The SQL and arguments of one page (exposed to the package for query-plan tests). `CROSS JOIN` keeps the
    /// index as the outer loop: SQLite never reads messages it did not find through `messages_search`.
    package static func searchQuery(
        _ terms: SearchTerms, user: UserID, chat: ChatID?, below: Int64, limit: Int
    ) -> (String, StatementArguments) {
        let columns = SQLiteColumns.message.components(separatedBy: ", ").map { "m.\($0)" }.joined(separator: ", ")
        var values: [(any DatabaseValueConvertible)?] = [matchExpression(terms), below]
        var chatFilter = ""
        if let chat {
            chatFilter = "AND m.chat_id = ?"
            values.append(chat.description)
        }
        values += [user.description, limit + 1]
        let sql = """
            SELECT \(columns), messages_search.rowid AS search_rowid
            FROM messages_search CROSS JOIN messages AS m ON m.rowid = messages_search.rowid
            WHERE messages_search MATCH ? AND messages_search.rowid < ? AND m.deleted_at IS NULL \(chatFilter)
              AND EXISTS (SELECT 1 FROM memberships AS ms WHERE ms.chat_id = m.chat_id AND ms.user_id = ?)
            ORDER BY messages_search.rowid DESC LIMIT ?
            """
        return (sql, StatementArguments(values))
    }

    private static func rowid(fromCursor cursor: String) throws -> Int64 {
        guard let rowid = Int64(cursor), rowid > 0 else {
            throw DomainError.invalid(field: "cursor", reason: "not a cursor of this search")
        }
        return rowid
    }
}
