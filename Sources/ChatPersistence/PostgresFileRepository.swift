import ChatDomain
import Foundation
import PostgresNIO

/// `FileRepository` on PostgreSQL: metadata only; the bytes live in a `BlobStore`.
public struct PostgresFileRepository: FileRepository {
    let database: PostgresDatabase

    /// File metadata stored in `database` (migrated to the current schema).
    public init(_ database: PostgresDatabase) {
        self.database = database
    }

    /// Inserts the metadata; `.conflict` when the id or storage key exists, `.notFound` when the owner does not.
    public func create(_ file: StoredFile) async throws {
        let query: PostgresQuery = """
            INSERT INTO files (\(unescaped: PostgresRows.fileColumns))
            VALUES (\(file.id.uuid), \(file.ownerID.uuid), \(file.key), \(file.originalName), \(file.mimeType),
                    \(file.size), \(file.sha256), \(file.kind.rawValue), \(PostgresRows.millis(file.createdAt)))
            """
        _ = try await database.collect(query) { _ in () }
    }

    /// The metadata, or nil.
    public func find(id: FileID) async throws -> StoredFile? {
        try await database.collect(
            "SELECT \(unescaped: PostgresRows.fileColumns) FROM files WHERE id = \(id.uuid)", PostgresRows.file
        ).first
    }

    /// True when `user` is a member of a chat with an undeleted message carrying the file (a tombstone no
    /// longer shares its attachment).
    public func isShared(file: FileID, with user: UserID) async throws -> Bool {
        try await exists(
            """
            SELECT EXISTS (
                SELECT 1 FROM messages m
                JOIN memberships me ON me.chat_id = m.chat_id AND me.user_id = \(user.uuid)
                WHERE m.file_id = \(file.uuid) AND m.deleted_at IS NULL
            )
            """
        )
    }

    /// True when the file is the avatar of some user or some chat.
    public func isAvatar(file: FileID) async throws -> Bool {
        try await exists(
            """
            SELECT EXISTS (SELECT 1 FROM users WHERE avatar_file_id = \(file.uuid))
                OR EXISTS (SELECT 1 FROM chats WHERE avatar_file_id = \(file.uuid))
            """
        )
    }

    private func exists(_ query: PostgresQuery) async throws -> Bool {
        try await database.collect(query) { try $0.decode(Bool.self) }.first ?? false
    }
}
