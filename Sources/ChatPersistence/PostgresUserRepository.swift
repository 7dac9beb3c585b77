import ChatDomain
import Foundation
import PostgresNIO

/// `UserRepository` on PostgreSQL. Email and username uniqueness is enforced by unique indexes, so two
/// concurrent sign-ups with the same email cannot both succeed: the loser gets `DomainError.conflict`.
public struct PostgresUserRepository: UserRepository {
    let database: PostgresDatabase

    /// Users stored in `database` (migrated to the current schema).
    public init(_ database: PostgresDatabase) {
        self.database = database
    }

    /// Inserts the user; `DomainError.conflict` when the email or username is taken.
    public func create(_ user: User) async throws {
        let query: PostgresQuery = """
            INSERT INTO users (\(unescaped: PostgresRows.userColumns))
            VALUES (\(user.id.uuid), \(user.email), \(user.username), \(user.name), \(user.passwordHash),
                    \(user.avatarFileID?.uuid), \(PostgresRows.millis(user.createdAt)),
                    \(user.lastSeenAt.map(PostgresRows.millis)))
            """
        _ = try await database.collect(query) { _ in () }
    }

    /// The user, or nil.
    public func find(id: UserID) async throws -> User? {
        try await database.collect(
            "SELECT \(unescaped: PostgresRows.userColumns) FROM users WHERE id = \(id.uuid)", PostgresRows.user
        ).first
    }

    /// The existing users among `ids`, in no particular order; one query whatever the count.
    public func find(ids: [UserID]) async throws -> [User] {
        guard !ids.isEmpty else { return [] }
        let uuids = ids.map(\.uuid)
        return try await database.collect(
            "SELECT \(unescaped: PostgresRows.userColumns) FROM users WHERE id = ANY(\(uuids))", PostgresRows.user
        )
    }

    /// The user with this (already normalized) email, or nil.
    public func find(email: String) async throws -> User? {
        try await database.collect(
            "SELECT \(unescaped: PostgresRows.userColumns) FROM users WHERE email = \(email)", PostgresRows.user
        ).first
    }

    /// The user with this (already normalized) username, or nil.
    public func find(username: String) async throws -> User? {
        try await database.collect(
            "SELECT \(unescaped: PostgresRows.userColumns) FROM users WHERE username = \(username)", PostgresRows.user
        ).first
    }

    /// Replaces name, username and avatar; `.conflict` when the username is taken, `.notFound` when the user is gone.
    public func updateProfile(_ user: User) async throws {
        let query: PostgresQuery = """
            UPDATE users SET name = \(user.name), username = \(user.username), avatar_file_id = \(user.avatarFileID?.uuid)
            WHERE id = \(user.id.uuid) RETURNING id
            """
        let updated = try await database.collect(query) { try $0.decode(UUID.self) }
        if updated.isEmpty { throw DomainError.notFound("user not found") }
    }

    /// Sets `lastSeenAt`; does nothing when the user is gone.
    public func setLastSeen(_ id: UserID, at date: Date) async throws {
        _ = try await database.collect(
            "UPDATE users SET last_seen_at = \(PostgresRows.millis(date)) WHERE id = \(id.uuid)"
        ) { _ in () }
    }

    /// Users whose username or lowercased name starts with the lowercased `prefix` (`%`, `_` and `\` match
    /// themselves), ordered by username bytewise (as SQLite does), after `cursor`, at most `limit` (a
    /// non-positive limit gives nothing).
    public func search(prefix: String, after cursor: String?, limit: Int) async throws -> [User] {
        guard limit > 0 else { return [] }
        let pattern = Self.likePrefix(prefix.lowercased())
        let query: PostgresQuery = """
            SELECT \(unescaped: PostgresRows.userColumns) FROM users
            WHERE (username LIKE \(pattern) OR lower(name) LIKE \(pattern))
              AND (\(cursor)::text IS NULL OR username COLLATE "C" > \(cursor))
            ORDER BY username COLLATE "C"
            LIMIT \(limit)
            """
        return try await database.collect(query, PostgresRows.user)
    }

    /// `prefix` with LIKE's wildcards and escape character escaped, followed by `%`.
    static func likePrefix(_ prefix: String) -> String {
        var escaped = ""
        for character in prefix {
            if character == "%" || character == "_" || character == "\\" { escaped.append("\\") }
            escaped.append(character)
        }
        return escaped + "%"
    }
}
