import ChatDomain
import Foundation
import PostgresNIO

/// `SessionRepository` on PostgreSQL. Refresh tokens exist only as hashes: the current one on the session
/// row, rotated ones in `retired_refresh_tokens`.
public struct PostgresSessionRepository: SessionRepository {
    let database: PostgresDatabase

    /// Sessions stored in `database` (migrated to the current schema).
    public init(_ database: PostgresDatabase) {
        self.database = database
    }

    /// Inserts the session; `.conflict` when the id or token hash exists, `.notFound` when the user does not.
    public func create(_ session: Session) async throws {
        let query: PostgresQuery = """
            INSERT INTO sessions (\(unescaped: PostgresRows.sessionColumns))
            VALUES (\(session.id.uuid), \(session.userID.uuid), \(session.deviceType.rawValue), \(session.deviceName),
                    \(session.userAgent), \(session.refreshTokenHash), \(PostgresRows.millis(session.createdAt)),
                    \(PostgresRows.millis(session.lastUsedAt)), \(PostgresRows.millis(session.expiresAt)),
                    \(session.revokedAt.map(PostgresRows.millis)))
            """
        _ = try await database.collect(query) { _ in () }
    }

    /// The session, revoked or not, or nil.
    public func find(id: SessionID) async throws -> Session? {
        try await database.collect(
            "SELECT \(unescaped: PostgresRows.sessionColumns) FROM sessions WHERE id = \(id.uuid)", PostgresRows.session
        ).first
    }

    /// In one query: `.current` when a session holds the hash now, `.retired` when it was rotated away from
    /// one, `.unknown` otherwise. Revoked sessions still match, so the caller can tell reuse from garbage.
    public func match(refreshTokenHash: String) async throws -> RefreshTokenMatch {
        let columns = PostgresRows.qualified(PostgresRows.sessionColumns, with: "s")
        let matches = try await database.collect(
            """
            SELECT true, \(unescaped: columns) FROM sessions s WHERE s.refresh_token_hash = \(refreshTokenHash)
            UNION ALL
            SELECT false, \(unescaped: columns) FROM retired_refresh_tokens r JOIN sessions s ON s.id = r.session_id
            WHERE r.token_hash = \(refreshTokenHash)
            """
        ) { row -> RefreshTokenMatch in
            var cells = PostgresCells(row)
            let isCurrent = try cells.next(Bool.self)
            let session = try PostgresRows.session(remaining: &cells)
            return isCurrent ? .current(session) : .retired(session)
        }
        return matches.first { if case .current = $0 { true } else { false } } ?? matches.first ?? .unknown
    }

    /// Compare and swap in one transaction: the hash changes only while it is still `oldHash` and the session
    /// is not revoked, and `oldHash` is retired in the same transaction. Of concurrent rotations from one hash
    /// exactly one returns true.
    public func rotate(
        session: SessionID, from oldHash: String, to newHash: String, at date: Date, expiresAt: Date
    ) async throws -> Bool {
        let logger = database.logger
        let now = PostgresRows.millis(date)
        return try await database.withTransaction { connection in
            let swapped = try await connection.collect(
                """
                UPDATE sessions SET refresh_token_hash = \(newHash), last_used_at = \(now),
                                    expires_at = \(PostgresRows.millis(expiresAt))
                WHERE id = \(session.uuid) AND refresh_token_hash = \(oldHash) AND revoked_at IS NULL
                RETURNING id
                """,
                logger: logger
            ) { try $0.decode(UUID.self) }
            guard !swapped.isEmpty else { return false }
            try await connection.run(
                """
                INSERT INTO retired_refresh_tokens (token_hash, session_id, retired_at)
                VALUES (\(oldHash), \(session.uuid), \(now)) ON CONFLICT (token_hash) DO NOTHING
                """,
                logger: logger
            )
            return true
        }
    }

    /// Sets `revokedAt`; false when the session was already revoked or does not exist.
    public func revoke(id: SessionID, at date: Date) async throws -> Bool {
        let revoked = try await database.collect(
            """
            UPDATE sessions SET revoked_at = \(PostgresRows.millis(date))
            WHERE id = \(id.uuid) AND revoked_at IS NULL RETURNING id
            """
        ) { try $0.decode(UUID.self) }
        return !revoked.isEmpty
    }

    /// Revokes, in one statement, every session of the user that is active at `date`; returns their ids.
    public func revokeAll(user: UserID, at date: Date) async throws -> [SessionID] {
        let now = PostgresRows.millis(date)
        return try await database.collect(
            """
            UPDATE sessions SET revoked_at = \(now)
            WHERE user_id = \(user.uuid) AND revoked_at IS NULL AND expires_at > \(now) RETURNING id
            """
        ) { SessionID(try $0.decode(UUID.self)) }
    }

    /// The user's sessions that are neither revoked nor expired at `now`, newest first.
    public func active(user: UserID, at now: Date) async throws -> [Session] {
        try await database.collect(
            """
            SELECT \(unescaped: PostgresRows.sessionColumns) FROM sessions
            WHERE user_id = \(user.uuid) AND revoked_at IS NULL AND expires_at > \(PostgresRows.millis(now))
            ORDER BY created_at DESC, id
            """,
            PostgresRows.session
        )
    }
}
