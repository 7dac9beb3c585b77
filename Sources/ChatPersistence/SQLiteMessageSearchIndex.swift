import ChatDomain
import Foundation
import GRDB

/// `MessageSearchIndex` on SQLite: the FTS5 table `messages_search` (schema 0004), which triggers keep in step
/// with `messages` inside each writing transaction, grouped sends included. Each row holds a message's words and a
/// token naming its chat.
///
/// A search asks FTS5 for its words AND one of the chats searched, so FTS5 intersects posting lists and never
/// reads matches in other chats. Each word typed becomes the OR of the whole words it begins (read from
/// `SQLiteSearchVocabulary`) when there are at most `maxPrefixExpansion` of them, so FTS5 can walk the lists lazily;
/// only a prefix shared by more words (one or two letters, mostly) becomes a prefix query, which merges their lists
/// first. Results come newest first in commit order: the order of the messages' rowids, which FTS5 walks backwards
/// straight from the index, so a page stops reading after `limit + 1` matches. The cursor is the rowid of the last
/// message of a page.
public struct SQLiteMessageSearchIndex: MessageSearchIndex {
    private let database: SQLiteDatabase

    /// Most whole words one typed word becomes; a prefix of more is a prefix query.
    package static let maxPrefixExpansion = 64
    /// Most chats named in a query; a caller in more is searched in all of them and filtered by membership.
    package static let maxChatsInQuery = 64

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
        let rows = try await database.read { db -> [(message: Message, rowid: Int64)] in
            guard let match = try Self.matchExpression(terms, user: user, chat: chat, db) else { return [] }
            let (sql, arguments) = Self.searchQuery(match: match, user: user, below: below, limit: limit)
            return try Row.fetchAll(db.cachedStatement(sql: sql), arguments: arguments).map { row in
                (try Message(row: row), try row.required("search_rowid", as: Int64.self))
            }
        }
        let page = rows.prefix(limit)
        let next = rows.count > limit ? page.last.map { String($0.rowid) } : nil
        return MessageSearchPage(items: page.map { $0.message }, nextCursor: next)
    }

    /// The FTS5 query of `terms` in the chats searched, or nil when nothing can match (no word survives the
    /// tokenizer, or the caller is in no chat). Every word is required, each a quoted literal: `"` is doubled,
    /// though the tokenizer never leaves one in a word, so nothing typed is ever syntax.
    package static func matchExpression(
        _ terms: SearchTerms, user: UserID, chat: ChatID?, _ db: Database
    ) throws -> String? {
        // One pass of the tokenizer over all the words: a space separates them for it as for SearchTerms.
        var words: [String] = []
        for word in try SQLiteSearchVocabulary.words(of: terms.words.joined(separator: " "), db) where !words.contains(word) {
            words.append(word)
        }
        guard !words.isEmpty else { return nil }
        var clauses = try words.map { word -> String in
            let whole = try SQLiteSearchVocabulary.words(startingWith: word, limit: maxPrefixExpansion + 1, db)
            if whole.isEmpty || whole.count > maxPrefixExpansion { return "content : (\(quoted(word))*)" }
            return "content : (\(whole.map(quoted).joined(separator: " OR ")))"
        }
        let chats: [String]
        if let chat {
            chats = [chat.description]
        } else {
            chats = try String.fetchAll(
                db.cachedStatement(sql: "SELECT chat_id FROM memberships WHERE user_id = ? LIMIT ?"),
                arguments: [user.description, maxChatsInQuery + 1])
            guard !chats.isEmpty else { return nil }
        }
        if chats.count <= maxChatsInQuery {
            clauses.append("chat : (\(chats.map { quoted(chatToken($0)) }.joined(separator: " OR ")))")
        }
        return clauses.joined(separator: " AND ")
    }

    /// The token naming a chat in the index, as schema 0004's triggers write it: `c` and the id's hex digits.
    static func chatToken(_ chatID: String) -> String {
        "c" + chatID.replacingOccurrences(of: "-", with: "")
    }

    private static func quoted(_ word: String) -> String {
        "\"\(word.replacingOccurrences(of: "\"", with: "\"\""))\""
    }

    /// The SQL and arguments of one page for an FTS5 `match` expression (exposed to the package for query-plan
    /// tests). `CROSS JOIN` keeps the index as the outer loop: SQLite never reads messages it did not find through
    /// `messages_search`. The membership check stays, so a caller in more chats than a query names, or asking for
    /// a chat they are not in, still sees only their own.
    package static func searchQuery(match: String, user: UserID, below: Int64, limit: Int) -> (String, StatementArguments) {
        let columns = SQLiteColumns.message.components(separatedBy: ", ").map { "m.\($0)" }.joined(separator: ", ")
        let sql = """
            SELECT \(columns), messages_search.rowid AS search_rowid
            FROM messages_search CROSS JOIN messages AS m ON m.rowid = messages_search.rowid
            WHERE messages_search MATCH ? AND messages_search.rowid < ? AND m.deleted_at IS NULL
              AND EXISTS (SELECT 1 FROM memberships AS ms WHERE ms.chat_id = m.chat_id AND ms.user_id = ?)
            ORDER BY messages_search.rowid DESC LIMIT ?
            """
        return (sql, [match, below, user.description, limit + 1])
    }

    private static func rowid(fromCursor cursor: String) throws -> Int64 {
        guard let rowid = Int64(cursor), rowid > 0 else {
            throw DomainError.invalid(field: "cursor", reason: "not a cursor of this search")
        }
        return rowid
    }
}
