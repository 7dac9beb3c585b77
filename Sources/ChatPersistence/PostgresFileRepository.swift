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

    /// The unreferenced files among the `window` next ids after `cursor`: the window's last id is found on the
    /// primary key, then each file up to it is checked against the `messages_file`, `users_avatar` and
    /// `chats_avatar` indexes.
    public func unreferencedFiles(createdBefore cutoff: Date, after cursor: FileID?, window: Int) async throws
        -> (files: [StoredFile], next: FileID?)
    {
        // Bounds rather than `($1 IS NULL OR id > $1)`, which would hide them from the planner: no id is below
        // the nil UUID or above the max UUID.
        let lower = cursor?.uuid ?? Self.minimumID, above = cursor == nil ? ">=" : ">"
        let last = try await database.collect(
            """
            SELECT id FROM files WHERE id \(unescaped: above) \(lower) ORDER BY id LIMIT 1 OFFSET \(max(1, window) - 1)
            """
        ) { try $0.decode(UUID.self) }.first
        let files = try await database.collect(
            """
            SELECT \(unescaped: PostgresRows.fileColumns) FROM files
            WHERE id \(unescaped: above) \(lower) AND id <= \(last ?? Self.maximumID)
              AND created_at < \(PostgresRows.millis(cutoff)) AND \(unescaped: Self.unreferenced)
            ORDER BY id
            """, PostgresRows.file)
        return (files, last.map { FileID($0) })
    }

    /// In one transaction: locks the file's row, then deletes it when it is old enough and unreferenced.
    /// Attaching a file (a message's `file_id`, a chat's `avatar_file_id`) checks its foreign key under a
    /// `KEY SHARE` lock on this row, so the `FOR UPDATE` waits for any attachment in flight to commit, and the
    /// `DELETE`, a statement of its own with a fresh snapshot, sees it and keeps the file. An attachment that
    /// starts after the lock waits for the delete and then fails on the missing file.
    public func deleteIfUnreferenced(id: FileID, createdBefore cutoff: Date) async throws -> Bool {
        let logger = database.logger
        do {
            return try await database.withTransaction { connection in
                try await connection.run("SELECT id FROM files WHERE id = \(id.uuid) FOR UPDATE", logger: logger)
                let deleted = try await connection.collect(
                    """
                    DELETE FROM files
                    WHERE id = \(id.uuid) AND created_at < \(PostgresRows.millis(cutoff))
                      AND \(unescaped: Self.unreferenced)
                    RETURNING id
                    """,
                    logger: logger
                ) { try $0.decode(UUID.self) }
                return !deleted.isEmpty
            }
        } catch DomainError.notFound {
            // A foreign key refused the delete (`messages.file_id`): something refers to the file after all.
            return false
        }
    }

    /// No message (a tombstone included), user or chat refers to the row of `files` at hand.
    static let unreferenced = """
        NOT EXISTS (SELECT 1 FROM messages m WHERE m.file_id = files.id)
        AND NOT EXISTS (SELECT 1 FROM users u WHERE u.avatar_file_id = files.id)
        AND NOT EXISTS (SELECT 1 FROM chats c WHERE c.avatar_file_id = files.id)
        """
    static let minimumID = UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))
    static let maximumID = UUID(
        uuid: (255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255))

    private func exists(_ query: PostgresQuery) async throws -> Bool {
        try await database.collect(query) { try $0.decode(Bool.self) }.first ?? false
    }
}
