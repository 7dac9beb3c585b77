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
}
