import ChatDomain
import Foundation
import GRDB

/// `UserRepository` on SQLite. Email and username uniqueness is enforced by the schema; violations surface as
/// `DomainError.conflict`.
public struct SQLiteUserRepository: UserRepository {
    private let database: SQLiteDatabase

    /// Users stored in `database`.
    public init(_ database: SQLiteDatabase) { self.database = database }

    /// Stores a new user. Throws `DomainError.conflict` when the id, email or username is taken.
    public func create(_ user: User) async throws {
        try await database.write { db in
            try db.execute(
                sql: "INSERT INTO users (\(SQLiteColumns.user)) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                arguments: [
                    user.id.description, user.email, user.username, user.name, user.passwordHash,
                    user.avatarFileID?.description, user.createdAt.epochMilliseconds,
                    user.lastSeenAt?.epochMilliseconds,
                ])
        }
    }

    /// The user with this id, or nil.
    public func find(id: UserID) async throws -> User? {
        try await findOne(where: "id = ?", id.description)
    }

    /// The users with these ids that exist, in no particular order; duplicates in `ids` are ignored.
    public func find(ids: [UserID]) async throws -> [User] {
        let unique = Array(Set(ids.map(\.description)))
        guard !unique.isEmpty else { return [] }
        return try await database.read { db in
            var users: [User] = []
            // Chunks keep each statement under SQLite's bound-parameter limit.
            for start in stride(from: 0, to: unique.count, by: 500) {
                let chunk = Array(unique[start..<min(start + 500, unique.count)])
                let placeholders = Array(repeating: "?", count: chunk.count).joined(separator: ", ")
                let rows = try Row.fetchAll(
                    db, sql: "SELECT \(SQLiteColumns.user) FROM users WHERE id IN (\(placeholders))",
                    arguments: StatementArguments(chunk))
                users += try rows.map(User.init(row:))
            }
            return users
        }
    }

    /// The user with exactly this (already normalized) email, or nil.
    public func find(email: String) async throws -> User? {
        try await findOne(where: "email = ?", email)
    }

    /// The user with exactly this (already normalized) username, or nil.
    public func find(username: String) async throws -> User? {
        try await findOne(where: "username = ?", username)
    }

    /// Replaces name, username and avatar. Throws `DomainError.conflict` when the username is taken,
    /// `DomainError.notFound` when the user is gone.
    public func updateProfile(_ user: User) async throws {
        let changed = try await database.write { db in
            try db.execute(
                sql: "UPDATE users SET name = ?, username = ?, avatar_file_id = ? WHERE id = ?",
                arguments: [user.name, user.username, user.avatarFileID?.description, user.id.description])
            return db.changesCount
        }
        if changed == 0 { throw DomainError.notFound("user not found") }
    }

    /// Records when the user was last seen; does nothing when the user is gone.
    public func setLastSeen(_ id: UserID, at date: Date) async throws {
        try await database.write { db in
            try db.execute(
                sql: "UPDATE users SET last_seen_at = ? WHERE id = ?",
                arguments: [date.epochMilliseconds, id.description])
        }
    }

    /// Users whose username or name starts with `prefix`, ordered by username, after `cursor`, at most `limit`.
    /// Case-insensitive: fully for usernames (stored lowercased), for ASCII letters in names (SQLite's `lower`).
    /// Both matches are index range scans (`username`, `lower(name)`).
    public func search(prefix: String, after cursor: String?, limit: Int) async throws -> [User] {
        guard limit > 0 else { return [] }
        let usernamePrefix = prefix.lowercased()
        let namePrefix = Self.asciiLowercased(prefix)
        // Every string starting with p sorts in [p, p + U+10FFFF).
        let end = "\u{10FFFF}"
        return try await database.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT \(SQLiteColumns.user) FROM users
                    WHERE ((username >= ? AND username < ?) OR (lower(name) >= ? AND lower(name) < ?))
                      AND (? IS NULL OR username > ?)
                    ORDER BY username
                    LIMIT ?
                    """,
                arguments: [
                    usernamePrefix, usernamePrefix + end, namePrefix, namePrefix + end, cursor, cursor, limit,
                ]
            ).map(User.init(row:))
        }
    }

    private func findOne(where condition: StaticString, _ value: String) async throws -> User? {
        let sql = "SELECT \(SQLiteColumns.user) FROM users WHERE \(condition) LIMIT 1"
        return try await database.read { db in
            try Row.fetchOne(db, sql: sql, arguments: [value]).map(User.init(row:))
        }
    }

    /// Lowercases A–Z only, as SQLite's `lower()` does, so the prefix compares like the indexed `lower(name)`.
    static func asciiLowercased(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { scalar in
            (65...90).contains(scalar.value) ? Unicode.Scalar(UInt8(scalar.value + 32)) : scalar
        }))
    }
}
