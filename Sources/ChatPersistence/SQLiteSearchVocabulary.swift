import GRDB

/// The words of the SQLite full-text index, `search_vocabulary` (schema 0004): every word a message written
/// through the repository has held, folded exactly as the index folds it, because the same FTS5 tokenizer splits
/// both. It lets a search turn a typed prefix into the few whole words it begins, which FTS5 walks newest first
/// and lazily, instead of a prefix query that merges every matching posting list before returning a row.
enum SQLiteSearchVocabulary {
    /// The tokenizer of `messages_search`: `unicode61 remove_diacritics 2`.
    static let tokenizer = FTS5TokenizerDescriptor.unicode61(diacritics: .remove)

    /// Adds the words of `content` that are not there yet, in the caller's transaction.
    static func record(_ content: String?, _ db: Database) throws {
        guard let content else { return }
        let words = Set(try db.makeTokenizer(tokenizer).tokenize(document: content).map(\.token))
        let insert = try db.cachedStatement(sql: "INSERT OR IGNORE INTO search_vocabulary (term) VALUES (?)")
        for word in words { try insert.execute(arguments: [word]) }
    }

    /// `text` split and folded as the index splits and folds messages.
    static func words(of text: String, _ db: Database) throws -> [String] {
        try db.makeTokenizer(tokenizer).tokenize(query: text).map(\.token)
    }

    /// Up to `limit` recorded words that begin with `prefix` (`prefix` itself included when recorded), in
    /// order: one range read of the primary key.
    static func words(startingWith prefix: String, limit: Int, _ db: Database) throws -> [String] {
        try String.fetchAll(
            db.cachedStatement(sql: "SELECT term FROM search_vocabulary WHERE term >= ? AND term < ? ORDER BY term LIMIT ?"),
            arguments: [prefix, prefix + "\u{10FFFF}", limit])
    }
}
