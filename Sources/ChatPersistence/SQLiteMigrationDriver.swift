import Foundation
import GRDB

/// Runs migrations on a SQLite database: each file's SQL and its `schema_migrations` row in one IMMEDIATE
/// transaction, so two processes migrating at once apply each version once.
public struct SQLiteMigrationDriver: MigrationDriver {
    private let pool: DatabasePool

    /// A driver for the database behind `pool`.
    public init(pool: DatabasePool) { self.pool = pool }

    /// Creates `schema_migrations` when absent.
    public func prepareMigrationTable() async throws {
        try await pool.write { db in
            try db.execute(
                sql: """
                    CREATE TABLE IF NOT EXISTS schema_migrations (
                        version     INTEGER PRIMARY KEY,
                        name        TEXT NOT NULL,
                        applied_at  INTEGER NOT NULL
                    )
                    """)
        }
    }

    /// The versions recorded in `schema_migrations`.
    public func appliedVersions() async throws -> Set<Int> {
        try await pool.read { db in Set(try Int.fetchAll(db, sql: "SELECT version FROM schema_migrations")) }
    }

    /// Runs the migration and records it in one transaction; false when the version was already recorded.
    public func apply(_ migration: Migration, at date: Date) async throws -> Bool {
        try await pool.write { db in
            let recorded = try Bool.fetchOne(
                db, sql: "SELECT EXISTS (SELECT 1 FROM schema_migrations WHERE version = ?)",
                arguments: [migration.version])
            if recorded == true { return false }
            try db.execute(sql: migration.sql)
            try db.execute(
                sql: "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                arguments: [migration.version, migration.name, date.epochMilliseconds])
            return true
        }
    }
}
