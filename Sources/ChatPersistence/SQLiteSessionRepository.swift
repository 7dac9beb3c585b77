import ChatDomain
import Foundation
import GRDB

/// `SessionRepository` on SQLite. Refresh tokens exist only as hashes: the current one on the session row,
/// rotated-away ones in `retired_refresh_tokens`.
public struct SQLiteSessionRepository: SessionRepository {
    private let database: SQLiteDatabase

    /// Sessions stored in `database`.
    public init(_ database: SQLiteDatabase) { self.database = database }

    /// Stores a new session. Throws `DomainError.conflict` when the id or refresh token hash is taken.
    public func create(_ session: Session) async throws {
        try await database.write { db in
            try db.execute(
                sql: "INSERT INTO sessions (\(SQLiteColumns.session)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                arguments: [
                    session.id.description, session.userID.description, session.deviceType.rawValue,
                    session.deviceName, session.userAgent, session.refreshTokenHash,
                    session.createdAt.epochMilliseconds, session.lastUsedAt.epochMilliseconds,
                    session.expiresAt.epochMilliseconds, session.revokedAt?.epochMilliseconds,
                ])
        }
    }

    /// The session, revoked or not, or nil.
    public func find(id: SessionID) async throws -> Session? {
        try await database.read { db in
            try Row.fetchOne(
                db, sql: "SELECT \(SQLiteColumns.session) FROM sessions WHERE id = ?", arguments: [id.description]
            ).map(Session.init(row:))
        }
    }

    /// `.current` when a session's current hash is `refreshTokenHash`, `.retired` when it was rotated away from
    /// one, `.unknown` otherwise. Revoked and expired sessions match too: the caller decides.
    public func match(refreshTokenHash: String) async throws -> RefreshTokenMatch {
        try await database.read { db in
            if let row = try Row.fetchOne(
                db, sql: "SELECT \(SQLiteColumns.session) FROM sessions WHERE refresh_token_hash = ?",
                arguments: [refreshTokenHash])
            {
                return .current(try Session(row: row))
            }
            if let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT \(SQLiteColumns.session) FROM sessions
                    WHERE id = (SELECT session_id FROM retired_refresh_tokens WHERE token_hash = ?)
                    """,
                arguments: [refreshTokenHash])
            {
                return .retired(try Session(row: row))
            }
            return .unknown
        }
    }

    /// Compare and swap in one transaction: when the session is not revoked and its current hash is still
    /// `oldHash`, sets `newHash`, `lastUsedAt = date`, `expiresAt`, and retires `oldHash`; returns true.
    /// Returns false, changing nothing, otherwise (another rotation won, or the session is revoked or gone).
    public func rotate(
        session: SessionID, from oldHash: String, to newHash: String, at date: Date, expiresAt: Date
    ) async throws -> Bool {
        try await database.write { db in
            try db.execute(
                sql: """
                    UPDATE sessions SET refresh_token_hash = ?, last_used_at = ?, expires_at = ?
                    WHERE id = ? AND refresh_token_hash = ? AND revoked_at IS NULL
                    """,
                arguments: [
                    newHash, date.epochMilliseconds, expiresAt.epochMilliseconds, session.description, oldHash,
                ])
            guard db.changesCount == 1 else { return false }
            try db.execute(
                sql: "INSERT INTO retired_refresh_tokens (token_hash, session_id, retired_at) VALUES (?, ?, ?)",
                arguments: [oldHash, session.description, date.epochMilliseconds])
            return true
        }
    }

    /// Sets `revokedAt`; false when the session was already revoked or is absent. Idempotent.
    public func revoke(id: SessionID, at date: Date) async throws -> Bool {
        try await database.write { db in
            try db.execute(
                sql: "UPDATE sessions SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL",
                arguments: [date.epochMilliseconds, id.description])
            return db.changesCount > 0
        }
    }

    /// Revokes every session of the user that is active at `date` (not revoked, not expired), in one statement;
    /// returns their ids.
    public func revokeAll(user: UserID, at date: Date) async throws -> [SessionID] {
        try await database.write { db in
            try String.fetchAll(
                db,
                sql: """
                    UPDATE sessions SET revoked_at = ?
                    WHERE user_id = ? AND revoked_at IS NULL AND expires_at > ?
                    RETURNING id
                    """,
                arguments: [date.epochMilliseconds, user.description, date.epochMilliseconds]
            ).map { text in
                guard let id = SessionID(text) else { throw SQLiteDecodingError(column: "id", value: text) }
                return id
            }
        }
    }

    /// The user's sessions active at `now`, newest first (by creation, ties by id).
    public func active(user: UserID, at now: Date) async throws -> [Session] {
        try await database.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT \(SQLiteColumns.session) FROM sessions
                    WHERE user_id = ? AND revoked_at IS NULL AND expires_at > ?
                    ORDER BY created_at DESC, id
                    """,
                arguments: [user.description, now.epochMilliseconds]
            ).map(Session.init(row:))
        }
    }
}
