import Foundation

/// One schema change: the SQL of a file named `NNNN_name.sql` in a dialect's schema directory.
public struct Migration: Sendable, Equatable {
    /// The number the file name starts with; migrations apply in ascending version.
    public let version: Int
    /// The part of the file name after the number, without `.sql`.
    public let name: String
    /// The file's SQL, run as is in one transaction (it must not contain its own BEGIN/COMMIT).
    public let sql: String

    /// A migration with this version, name and SQL.
    public init(version: Int, name: String, sql: String) {
        self.version = version
        self.name = name
        self.sql = sql
    }
}

/// What a database driver does for `MigrationRunner`. Implemented once per dialect (SQLite, PostgreSQL).
public protocol MigrationDriver: Sendable {
    /// Creates the `schema_migrations(version, name, applied_at)` table when absent. Idempotent.
    func prepareMigrationTable() async throws
    /// The versions recorded in `schema_migrations`.
    func appliedVersions() async throws -> Set<Int>
    /// Runs the migration's SQL and records it in `schema_migrations` in one transaction: either both happen or
    /// neither. Returns false, running nothing, when the version was already recorded (another process won).
    func apply(_ migration: Migration, at date: Date) async throws -> Bool
}
