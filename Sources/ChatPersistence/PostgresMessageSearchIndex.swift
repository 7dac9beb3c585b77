import ChatDomain
import Foundation
import PostgresNIO

/// `MessageSearchIndex` on PostgreSQL: the GIN index `messages_search` over the stored column
/// `messages.search_vector`, `to_tsvector('simple', coalesce(content, ''))` (schema 0005), which PostgreSQL
/// keeps in step with every insert and update in the same transaction.
///
/// Results come newest first by `(created_at, id)`; the cursor is the last message's pair. Each of the caller's
/// chats is searched on its own for one page (see `searchQuery`), and those pages merged.
public struct PostgresMessageSearchIndex: MessageSearchIndex {
    let database: PostgresDatabase

    /// The index of the messages stored in `database` (migrated to the current schema).
    public init(_ database: PostgresDatabase) {
        self.database = database
    }

    /// Up to `limit` matches, newest first, from the caller's chats (only `chat` when given). Throws
    /// `DomainError.invalid` for a `cursor` this index did not make and for a `limit` below 1.
    public func search(
        _ terms: SearchTerms, for user: UserID, in chat: ChatID?, after cursor: String?, limit: Int
    ) async throws -> MessageSearchPage {
        guard limit >= 1 else { throw DomainError.invalid(field: "limit", reason: "must be at least 1") }
        let below = try cursor.map(Self.position(fromCursor:)) ?? (createdAt: Int64.max, id: Self.maximumID)
        guard !terms.words.isEmpty else { return .empty }
        let rows = try await database.collect(
            Self.searchQuery(terms, user: user, chat: chat, below: below, limit: limit), PostgresRows.message)
        let page = Array(rows.prefix(limit))
        let next = rows.count > limit ? page.last.map(Self.cursor(of:)) : nil
        return MessageSearchPage(items: page, nextCursor: next)
    }

    /// The `tsquery` text of `terms`: each word a quoted lexeme with the prefix flag (`'word':*`), all of them
    /// required (`&`). Inside quotes only `'` and `\` are special, doubled here; words never hold one anyway.
    /// Passed as a parameter to `to_tsquery('simple', …)`, which folds it as the index folded the messages.
    static func tsquery(_ terms: SearchTerms) -> String {
        terms.words.map { word in
            let quoted = word.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "''")
            return "'\(quoted)':*"
        }.joined(separator: " & ")
    }

    /// One page plus one row: the newest `limit + 1` matches of each chat searched (the caller's chats that are
    /// `chat`, when given), then the newest of those. Each chat's part is planned on its own: through the GIN index
    /// and a sort of its matches for a rare word, or backwards along `messages_chat_created` (schema 0006), testing
    /// each message's stored vector and stopping after a page, for a common one; so neither a common word nor
    /// matches in chats the caller is not in are read in full. Costs an index probe per chat of the caller.
    static func searchQuery(
        _ terms: SearchTerms, user: UserID, chat: ChatID?, below: (createdAt: Int64, id: UUID), limit: Int
    ) -> PostgresQuery {
        let columns = PostgresRows.messageColumns("m")
        let query = tsquery(terms)
        return """
            SELECT m.* FROM memberships AS ms
            CROSS JOIN LATERAL (
                SELECT \(unescaped: columns) FROM messages AS m
                WHERE m.chat_id = ms.chat_id AND m.search_vector @@ to_tsquery('simple', \(query))
                  AND m.deleted_at IS NULL AND (m.created_at, m.id) < (\(below.createdAt), \(below.id))
                ORDER BY m.created_at DESC, m.id DESC LIMIT \(limit + 1)
            ) AS m
            WHERE ms.user_id = \(user.uuid) AND (\(chat?.uuid)::uuid IS NULL OR ms.chat_id = \(chat?.uuid))
            ORDER BY m.created_at DESC, m.id DESC LIMIT \(limit + 1)
            """
    }

    /// Above every other UUID in PostgreSQL's order: the first page starts below it.
    private static let maximumID = UUID(uuid: (
        0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF))

    /// `<created_at>_<id>` of a message.
    static func cursor(of message: Message) -> String {
        "\(PostgresRows.millis(message.createdAt))_\(message.id)"
    }

    private static func position(fromCursor cursor: String) throws -> (createdAt: Int64, id: UUID) {
        let parts = cursor.split(separator: "_", omittingEmptySubsequences: false)
        guard parts.count == 2, let createdAt = Int64(parts[0]), let id = UUID(uuidString: String(parts[1])) else {
            throw DomainError.invalid(field: "cursor", reason: "not a cursor of this search")
        }
        return (createdAt, id)
    }
}
