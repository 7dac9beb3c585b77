import ChatDomain
import Foundation
import PostgresNIO

/// `ChatRepository` on PostgreSQL. Every method is one statement or one transaction.
public struct PostgresChatRepository: ChatRepository {
    let database: PostgresDatabase

    /// Chats stored in `database` (migrated to the current schema).
    public init(_ database: PostgresDatabase) {
        self.database = database
    }

    /// Inserts the chat and its members in one transaction; `.conflict` when the id or direct key exists,
    /// `.notFound` when a member's user does not exist. Nothing is written when it throws.
    public func create(_ chat: Chat, members: [Membership]) async throws {
        let logger = database.logger
        try await database.withTransaction { connection in
            try await connection.run(Self.insert(chat, onConflictDoNothing: false), logger: logger)
            try await connection.run(Self.insert(members), logger: logger)
        }
    }

    /// `INSERT … ON CONFLICT (direct_key) DO NOTHING`, then the members only when this call inserted the chat,
    /// then the stored chat. A concurrent caller's insert waits for ours to commit, does nothing, and reads ours,
    /// so both get the same chat and only one gets `created: true`.
    public func findOrCreateDirect(_ chat: Chat, members: [Membership]) async throws -> (chat: Chat, created: Bool) {
        guard let key = chat.directKey else {
            throw DomainError.invalid(field: "directKey", reason: "a direct chat needs the key of its pair")
        }
        let logger = database.logger
        return try await database.withTransaction { connection in
            let inserted = try await connection.collect(Self.insert(chat, onConflictDoNothing: true), logger: logger) {
                try $0.decode(UUID.self)
            }
            if !inserted.isEmpty {
                try await connection.run(Self.insert(members), logger: logger)
            }
            let stored = try await connection.collect(
                "SELECT \(unescaped: PostgresRows.chatColumns) FROM chats WHERE direct_key = \(key)",
                logger: logger, PostgresRows.chat
            )
            guard let existing = stored.first else { throw DomainError.notFound("chat not found") }
            return (existing, !inserted.isEmpty)
        }
    }

    /// The chat, or nil.
    public func find(id: ChatID) async throws -> Chat? {
        try await database.collect(
            "SELECT \(unescaped: PostgresRows.chatColumns) FROM chats WHERE id = \(id.uuid)", PostgresRows.chat
        ).first
    }

    /// Replaces name and avatar; `.notFound` when the chat (or the avatar file) does not exist.
    public func update(_ chat: Chat) async throws {
        let updated = try await database.collect(
            """
            UPDATE chats SET name = \(chat.name), avatar_file_id = \(chat.avatarFileID?.uuid)
            WHERE id = \(chat.id.uuid) RETURNING id
            """
        ) { try $0.decode(UUID.self) }
        if updated.isEmpty { throw DomainError.notFound("chat not found") }
    }

    /// Deletes the chat; memberships and messages go with it (ON DELETE CASCADE). Idempotent.
    public func delete(id: ChatID) async throws {
        _ = try await database.collect("DELETE FROM chats WHERE id = \(id.uuid)") { _ in () }
    }

    /// The membership, or nil when not a member.
    public func membership(chat: ChatID, user: UserID) async throws -> Membership? {
        try await database.collect(
            """
            SELECT \(unescaped: PostgresRows.membershipColumns) FROM memberships
            WHERE chat_id = \(chat.uuid) AND user_id = \(user.uuid)
            """,
            PostgresRows.membership
        ).first
    }

    /// Every membership of the chat, oldest first (ties by user id).
    public func members(of chat: ChatID) async throws -> [Membership] {
        try await database.collect(
            """
            SELECT \(unescaped: PostgresRows.membershipColumns) FROM memberships
            WHERE chat_id = \(chat.uuid) ORDER BY joined_at, user_id
            """,
            PostgresRows.membership
        )
    }

    /// Adds a member; `.conflict` when already a member, `.notFound` when the chat or user does not exist.
    public func addMember(_ membership: Membership) async throws {
        _ = try await database.collect(Self.insert([membership])) { _ in () }
    }

    /// Removes the member; false when they were not one.
    public func removeMember(chat: ChatID, user: UserID) async throws -> Bool {
        let removed = try await database.collect(
            "DELETE FROM memberships WHERE chat_id = \(chat.uuid) AND user_id = \(user.uuid) RETURNING user_id"
        ) { try $0.decode(UUID.self) }
        return !removed.isEmpty
    }

    /// Sets the member's role; false when they are not a member.
    public func setRole(_ role: Role, chat: ChatID, user: UserID) async throws -> Bool {
        let updated = try await database.collect(
            """
            UPDATE memberships SET role = \(role.rawValue)
            WHERE chat_id = \(chat.uuid) AND user_id = \(user.uuid) RETURNING user_id
            """
        ) { try $0.decode(UUID.self) }
        return !updated.isEmpty
    }

    /// Under a lock on the chat row (so concurrent callers promote at most one member), makes the member with
    /// the earliest `joinedAt` ADMIN when no ADMIN is left; returns the promoted membership, else nil.
    public func promoteLongestStandingIfNoAdmin(chat: ChatID) async throws -> Membership? {
        let logger = database.logger
        return try await database.withTransaction { connection in
            try await connection.run("SELECT id FROM chats WHERE id = \(chat.uuid) FOR UPDATE", logger: logger)
            let promoted = try await connection.collect(
                """
                UPDATE memberships SET role = 'ADMIN'
                WHERE chat_id = \(chat.uuid)
                  AND user_id = (SELECT user_id FROM memberships WHERE chat_id = \(chat.uuid)
                                 ORDER BY joined_at, user_id LIMIT 1)
                  AND NOT EXISTS (SELECT 1 FROM memberships WHERE chat_id = \(chat.uuid) AND role = 'ADMIN')
                RETURNING \(unescaped: PostgresRows.membershipColumns)
                """,
                logger: logger, PostgresRows.membership
            )
            return promoted.first
        }
    }

    /// Ids of everyone sharing at least one chat with `user`, without duplicates and without `user`.
    public func contacts(of user: UserID) async throws -> [UserID] {
        try await database.collect(
            """
            SELECT DISTINCT other.user_id FROM memberships mine
            JOIN memberships other ON other.chat_id = mine.chat_id
            WHERE mine.user_id = \(user.uuid) AND other.user_id <> \(user.uuid)
            """
        ) { UserID(try $0.decode(UUID.self)) }
    }

    static func insert(_ chat: Chat, onConflictDoNothing: Bool) -> PostgresQuery {
        """
        INSERT INTO chats (\(unescaped: PostgresRows.chatColumns))
        VALUES (\(chat.id.uuid), \(chat.kind.rawValue), \(chat.name), \(chat.avatarFileID?.uuid),
                \(PostgresRows.millis(chat.createdAt)), \(PostgresRows.millis(chat.lastActivityAt)), \(chat.lastSeq),
                \(chat.directKey))
        \(unescaped: onConflictDoNothing ? "ON CONFLICT (direct_key) DO NOTHING" : "")
        RETURNING id
        """
    }

    /// All memberships in one statement, whatever their number.
    static func insert(_ members: [Membership]) -> PostgresQuery {
        """
        INSERT INTO memberships (\(unescaped: PostgresRows.membershipColumns))
        SELECT * FROM unnest(\(members.map(\.chatID.uuid))::uuid[], \(members.map(\.userID.uuid))::uuid[],
                             \(members.map(\.role.rawValue))::text[], \(members.map { PostgresRows.millis($0.joinedAt) })::bigint[],
                             \(members.map(\.lastReadSeq))::bigint[])
        """
    }
}
