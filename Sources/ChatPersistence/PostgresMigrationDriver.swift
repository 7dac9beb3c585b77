import ChatDomain
import Foundation
import PostgresNIO

/// The PostgreSQL `MigrationDriver`: applies migrations to a database and records them in
/// `schema_migrations(version integer primary key, name text not null, applied_at timestamptz not null default now())`.
///
/// Each migration runs in its own transaction together with its `schema_migrations` row, so it is applied
/// wholly or not at all. A transaction-scoped advisory lock serializes migrators, so several servers
/// starting at once apply each migration exactly once.
public struct PostgresMigrationDriver: MigrationDriver {
    static let createTable: PostgresQuery = """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            version integer PRIMARY KEY,
            name text NOT NULL,
            applied_at timestamptz NOT NULL DEFAULT now()
        )
        """

    /// The advisory lock key every migrator of this schema takes (any constant; "chatmigr" in ASCII).
    static let lockKey: Int64 = 0x6368_6174_6D69_6772

    let database: PostgresDatabase

    /// A driver for `database`.
    public init(database: PostgresDatabase) {
        self.database = database
    }

    /// Creates the empty `schema_migrations` table when absent. Idempotent, also under concurrent callers.
    public func prepareMigrationTable() async throws {
        let logger = database.logger
        try await database.withTransaction { connection in
            try await connection.run("SELECT pg_advisory_xact_lock(\(Self.lockKey))", logger: logger)
            try await connection.run(Self.createTable, logger: logger)
        }
    }

    /// The versions recorded in `schema_migrations`; empty when the table does not exist yet. Reads only.
    public func appliedVersions() async throws -> Set<Int> {
        let logger = database.logger
        return try await database.withConnection { connection in
            let table = try await connection.collect("SELECT to_regclass('schema_migrations') IS NOT NULL", logger: logger) {
                try $0.decode(Bool.self)
            }
            guard table.first == true else { return [] }
            let versions = try await connection.collect("SELECT version FROM schema_migrations", logger: logger) {
                Int(try $0.decode(Int32.self))
            }
            return Set(versions)
        }
    }

    /// Runs the migration's statements and records it (with `applied_at = date`) in one transaction, under the
    /// migrators' advisory lock. Returns false, running nothing, when its version is already recorded (another
    /// migrator got there first). A failing statement rolls everything back and throws.
    @discardableResult
    public func apply(_ migration: Migration, at date: Date = Date()) async throws -> Bool {
        let logger = database.logger
        let statements = PostgresSQLScript.statements(migration.sql)
        return try await database.withTransaction { connection in
            try await connection.run("SELECT pg_advisory_xact_lock(\(Self.lockKey))", logger: logger)
            try await connection.run(Self.createTable, logger: logger)
            let version = Int32(migration.version)
            let recorded = try await connection.collect(
                "SELECT version FROM schema_migrations WHERE version = \(version)", logger: logger
            ) { try $0.decode(Int32.self) }
            guard recorded.isEmpty else { return false }
            for statement in statements {
                try await connection.run(PostgresQuery(unsafeSQL: statement), logger: logger)
            }
            try await connection.run(
                """
                INSERT INTO schema_migrations (version, name, applied_at)
                VALUES (\(version), \(migration.name), \(date))
                """,
                logger: logger
            )
            return true
        }
    }
}

extension PostgresDatabase {
    /// A runner for the migrations in `directory` (see `SchemaLocation`), applied to this database. The database's
    /// `run()` must be running.
    public func migrations(from directory: URL) -> MigrationRunner {
        MigrationRunner(directory: directory, driver: PostgresMigrationDriver(database: self))
    }
}
