import ChatDomain
import Foundation
import GRDB

/// `FileRepository` on SQLite: file metadata only; the bytes live in a `BlobStore`.
public struct SQLiteFileRepository: FileRepository {
    private let database: SQLiteDatabase

    /// File metadata stored in `database`.
    public init(_ database: SQLiteDatabase) { self.database = database }

    /// Stores the metadata. Throws `DomainError.conflict` when the id or storage key is taken.
    public func create(_ file: StoredFile) async throws {
        try await database.write { db in
            try db.execute(
                sql: "INSERT INTO files (\(SQLiteColumns.file)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                arguments: [
                    file.id.description, file.ownerID.description, file.key, file.originalName, file.mimeType,
                    file.size, file.sha256, file.kind.rawValue, file.createdAt.epochMilliseconds,
                ])
        }
    }

    /// The metadata, or nil.
    public func find(id: FileID) async throws -> StoredFile? {
        try await database.read { db in
            try Row.fetchOne(db, sql: "SELECT \(SQLiteColumns.file) FROM files WHERE id = ?", arguments: [id.description])
                .map(StoredFile.init(row:))
        }
    }

    /// True when `user` is a member of a chat holding an undeleted message that carries the file
    /// (a tombstone no longer shares its file).
    public func isShared(file: FileID, with user: UserID) async throws -> Bool {
        try await database.read { db in
            try Bool.fetchOne(
                db,
                sql: """
                    SELECT EXISTS (
                        SELECT 1 FROM messages m
                        JOIN memberships mb ON mb.chat_id = m.chat_id AND mb.user_id = ?
                        WHERE m.file_id = ? AND m.deleted_at IS NULL
                    )
                    """,
                arguments: [user.description, file.description]) ?? false
        }
    }

    /// True when the file is the avatar of some user or some chat.
    public func isAvatar(file: FileID) async throws -> Bool {
        try await database.read { db in
            try Bool.fetchOne(
                db,
                sql: """
                    SELECT EXISTS (SELECT 1 FROM users WHERE avatar_file_id = ?)
                        OR EXISTS (SELECT 1 FROM chats WHERE avatar_file_id = ?)
                    """,
                arguments: [file.description, file.description]) ?? false
        }
    }

    /// The unreferenced files among the `window` next ids after `cursor`, on one read snapshot: the window's last
    /// id is found on the primary key, then each file up to it is checked against the `messages_file`,
    /// `users_avatar` and `chats_avatar` indexes.
    public func unreferencedFiles(createdBefore cutoff: Date, after cursor: FileID?, window: Int) async throws
        -> (files: [StoredFile], next: FileID?)
    {
        let start = cursor?.description ?? ""
        return try await database.read { db in
            let last: FileID? = try Row.fetchOne(
                db, sql: "SELECT id FROM files WHERE id > ? ORDER BY id LIMIT 1 OFFSET ?",
                arguments: [start, max(1, window) - 1]
            ).map { try $0.identifier("id") }
            var arguments: StatementArguments = [start]
            if let last { arguments += [last.description] }
            arguments += [cutoff.epochMilliseconds]
            let files = try Row.fetchAll(db, sql: Self.unreferencedSQL(bounded: last != nil), arguments: arguments)
                .map(StoredFile.init(row:))
            return (files, last)
        }
    }

    /// The unreferenced files with ids above `?` (and up to `?` when `bounded`) created before `?`, exposed to
    /// the package for query-plan tests. Two statements rather than `(? IS NULL OR id <= ?)`, which would hide
    /// the upper bound from the planner and scan the rest of the table.
    package static func unreferencedSQL(bounded: Bool) -> String {
        """
        SELECT \(SQLiteColumns.file) FROM files
        WHERE files.id > ? \(bounded ? "AND files.id <= ?" : "") AND files.created_at < ? AND \(unreferenced)
        ORDER BY files.id
        """
    }

    /// One `DELETE` whose `WHERE` checks the age and every reference. SQLite has one writer, so nothing can
    /// attach the file between the check and the delete; an attachment that comes after fails on the foreign
    /// key (`messages.file_id`, `chats.avatar_file_id`) instead of pointing at nothing.
    public func deleteIfUnreferenced(id: FileID, createdBefore cutoff: Date) async throws -> Bool {
        try await database.write { db in
            try db.execute(sql: Self.deleteSQL, arguments: [id.description, cutoff.epochMilliseconds])
            return db.changesCount > 0
        }
    }

    /// Deletes file `?` when created before `?` and unreferenced (exposed to the package for query-plan tests).
    package static let deleteSQL = "DELETE FROM files WHERE files.id = ? AND files.created_at < ? AND \(unreferenced)"

    /// No message (a tombstone included), user or chat refers to the row of `files` at hand.
    static let unreferenced = """
        NOT EXISTS (SELECT 1 FROM messages m WHERE m.file_id = files.id)
        AND NOT EXISTS (SELECT 1 FROM users u WHERE u.avatar_file_id = files.id)
        AND NOT EXISTS (SELECT 1 FROM chats c WHERE c.avatar_file_id = files.id)
        """
}
