import ChatDomain
import Foundation
import GRDB

/// `ChatRepository` on SQLite. Every method runs in one transaction; writes are serialized, so read-then-write
/// sequences (get-or-create, promotion) are atomic.
public struct SQLiteChatRepository: ChatRepository {
    let database: SQLiteDatabase

    /// Chats and memberships stored in `database`.
    public init(_ database: SQLiteDatabase) { self.database = database }

    /// Stores the chat and its members in one transaction. Throws `DomainError.conflict` when the id or
    /// direct key is taken, or a member is listed twice; nothing is stored then.
    public func create(_ chat: Chat, members: [Membership]) async throws {
        try await database.write { db in
            try Self.insert(chat, db)
            for member in members { try Self.insert(member, db) }
        }
    }

    /// The direct chat with `chat.directKey`, created with `members` when absent (insert, ignoring a taken key,
    /// then select by key). Members are added only by the call that created the chat.
    /// Throws `DomainError.invalid` when `chat.directKey` is nil, `.conflict` when `chat.id` is taken by
    /// another chat.
    public func findOrCreateDirect(_ chat: Chat, members: [Membership]) async throws -> (chat: Chat, created: Bool) {
        guard let key = chat.directKey else {
            throw DomainError.invalid(field: "directKey", reason: "a direct chat needs a direct key")
        }
        return try await database.write { db in
            try db.execute(
                sql: """
                    INSERT INTO chats (\(SQLiteColumns.chat)) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (direct_key) DO NOTHING
                    """,
                arguments: Self.arguments(chat))
            let created = db.changesCount == 1
            if created {
                for member in members { try Self.insert(member, db) }
            }
            guard let row = try Row.fetchOne(
                db, sql: "SELECT \(SQLiteColumns.chat) FROM chats WHERE direct_key = ?", arguments: [key])
            else { throw DomainError.conflict("direct chat could not be stored") }
            return (try Chat(row: row), created)
        }
    }

    /// The chat, or nil.
    public func find(id: ChatID) async throws -> Chat? {
        try await database.read { db in
            try Row.fetchOne(
                db.cachedStatement(sql: "SELECT \(SQLiteColumns.chat) FROM chats WHERE id = ?"), arguments: [id.description]
            ).map { try Chat(row: $0) }
        }
    }

    /// Replaces the name and avatar. Throws `DomainError.notFound` when the chat is gone.
    public func update(_ chat: Chat) async throws {
        let changed = try await database.write { db in
            try db.execute(
                sql: "UPDATE chats SET name = ?, avatar_file_id = ? WHERE id = ?",
                arguments: [chat.name, chat.avatarFileID?.description, chat.id.description])
            return db.changesCount
        }
        if changed == 0 { throw DomainError.notFound("chat not found") }
    }

    /// Deletes the chat; its memberships and messages go with it (ON DELETE CASCADE). Idempotent.
    public func delete(id: ChatID) async throws {
        try await database.write { db in
            try db.execute(sql: "DELETE FROM chats WHERE id = ?", arguments: [id.description])
        }
    }

    /// The membership, or nil when not a member.
    public func membership(chat: ChatID, user: UserID) async throws -> Membership? {
        try await database.read { db in
            try Row.fetchOne(
                db.cachedStatement(
                    sql: "SELECT \(SQLiteColumns.membership) FROM memberships WHERE chat_id = ? AND user_id = ?"),
                arguments: [chat.description, user.description]
            ).map(Membership.init(row:))
        }
    }

    /// Every membership of the chat, oldest first (ties in insertion order).
    public func members(of chat: ChatID) async throws -> [Membership] {
        try await database.read { db in
            try Row.fetchAll(
                db,
                sql: "SELECT \(SQLiteColumns.membership) FROM memberships WHERE chat_id = ? ORDER BY joined_at, rowid",
                arguments: [chat.description]
            ).map(Membership.init(row:))
        }
    }

    /// Adds a member. Throws `DomainError.conflict` when already a member.
    public func addMember(_ membership: Membership) async throws {
        try await database.write { db in try Self.insert(membership, db) }
    }

    /// Removes a member; false when they were not one.
    public func removeMember(chat: ChatID, user: UserID) async throws -> Bool {
        try await database.write { db in
            try db.execute(
                sql: "DELETE FROM memberships WHERE chat_id = ? AND user_id = ?",
                arguments: [chat.description, user.description])
            return db.changesCount > 0
        }
    }

    /// Sets a member's role; false when they are not a member.
    public func setRole(_ role: Role, chat: ChatID, user: UserID) async throws -> Bool {
        try await database.write { db in
            try db.execute(
                sql: "UPDATE memberships SET role = ? WHERE chat_id = ? AND user_id = ?",
                arguments: [role.rawValue, chat.description, user.description])
            return db.changesCount > 0
        }
    }

    /// In one write transaction: when the chat has members but no ADMIN, makes the earliest joined member ADMIN
    /// and returns the updated membership; nil when there is an ADMIN or no member.
    public func promoteLongestStandingIfNoAdmin(chat: ChatID) async throws -> Membership? {
        try await database.write { db in
            let hasAdmin = try Bool.fetchOne(
                db, sql: "SELECT EXISTS (SELECT 1 FROM memberships WHERE chat_id = ? AND role = 'ADMIN')",
                arguments: [chat.description])
            if hasAdmin == true { return nil }
            return try Row.fetchOne(
                db,
                sql: """
                    UPDATE memberships SET role = 'ADMIN'
                    WHERE rowid = (SELECT rowid FROM memberships WHERE chat_id = ? ORDER BY joined_at, rowid LIMIT 1)
                    RETURNING \(SQLiteColumns.membership)
                    """,
                arguments: [chat.description]
            ).map(Membership.init(row:))
        }
    }

    /// Ids of every user sharing at least one chat with `user`, without `user`, ordered by id.
    public func contacts(of user: UserID) async throws -> [UserID] {
        try await database.read { db in
            try String.fetchAll(
                db,
                sql: """
                    SELECT DISTINCT other.user_id FROM memberships me
                    JOIN memberships other ON other.chat_id = me.chat_id
                    WHERE me.user_id = ? AND other.user_id <> me.user_id
                    ORDER BY other.user_id
                    """,
                arguments: [user.description]
            ).map { text in
                guard let id = UserID(text) else { throw SQLiteDecodingError(column: "user_id", value: text) }
                return id
            }
        }
    }

    static func insert(_ chat: Chat, _ db: Database) throws {
        try db.execute(
            sql: "INSERT INTO chats (\(SQLiteColumns.chat)) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", arguments: arguments(chat))
    }

    static func arguments(_ chat: Chat) -> StatementArguments {
        [
            chat.id.description, chat.kind.rawValue, chat.name, chat.avatarFileID?.description, chat.directKey,
            chat.lastSeq, chat.createdAt.epochMilliseconds, chat.lastActivityAt.epochMilliseconds,
        ]
    }

    static func insert(_ membership: Membership, _ db: Database) throws {
        try db.execute(
            sql: "INSERT INTO memberships (\(SQLiteColumns.membership)) VALUES (?, ?, ?, ?, ?)",
            arguments: [
                membership.chatID.description, membership.userID.description, membership.role.rawValue,
                membership.joinedAt.epochMilliseconds, membership.lastReadSeq,
            ])
    }
}
