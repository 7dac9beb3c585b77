import ChatDomain
import GRDB

/// Turns SQLite driver errors into domain errors where the domain has a word for them.
enum SQLiteErrorTranslation {
    /// Unique and primary-key violations → `DomainError.conflict` (with a client-safe message), foreign key
    /// violations → `DomainError.notFound`;
    /// busy, locked, I/O, full-disk and open failures → `DomainError.unavailable`; anything else unchanged.
    static func translate(_ error: DatabaseError) -> any Error {
        switch error.extendedResultCode {
        case .SQLITE_CONSTRAINT_UNIQUE, .SQLITE_CONSTRAINT_PRIMARYKEY:
            return DomainError.conflict(conflictMessage(error.message ?? ""))
        case .SQLITE_CONSTRAINT_FOREIGNKEY:
            // As on PostgreSQL: e.g. a message attaching a file the orphan clean-up has just deleted.
            return DomainError.notFound("a referenced record does not exist")
        default:
            break
        }
        switch error.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED, .SQLITE_IOERR, .SQLITE_FULL, .SQLITE_CANTOPEN, .SQLITE_PROTOCOL:
            return DomainError.unavailable("database unavailable")
        default:
            return error
        }
    }

    /// A message naming what was taken, without table internals. SQLite says e.g.
    /// "UNIQUE constraint failed: users.email".
    static func conflictMessage(_ sqliteMessage: String) -> String {
        if sqliteMessage.contains("users.email") { return "email already taken" }
        if sqliteMessage.contains("users.username") { return "username already taken" }
        if sqliteMessage.contains("memberships.") { return "already a member" }
        if sqliteMessage.contains("chats.direct_key") { return "direct chat already exists" }
        if sqliteMessage.contains("sessions.refresh_token_hash") { return "refresh token already in use" }
        if sqliteMessage.contains("files.storage_key") { return "storage key already in use" }
        return "already exists"
    }
}
