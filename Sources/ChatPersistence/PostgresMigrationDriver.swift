import ChatDomain
import Foundation
import PostgresNIO

/// Applies `PostgresMigration`s to a database and records them in
/// `schema_migrations(version integer primary key, name text not null, applied_at timestamptz not null default now())`.
///
/// Each migration runs in its own transaction together with its `schema_migrations` row, so it is applied
/// wholly or not at all. A transaction-scoped advisory lock serializes migrators, so several servers
/// starting at once apply each migration exactly once.
public struct PostgresMigrationDriver: Sendable {
    /// The advisory lock key every migrator of this schema takes (any constant; "chatmigr" in ASCII).
    static let lockKey: Int64 = 0x6368_6174_6D69_6772

    let database: PostgresDatabase

    /// A driver for `database`.
    public init(database: PostgresDatabase) {
        self.database = database
    }

    /// The versions recorded in `schema_migrations`, ascending; empty when the table does not exist yet.
    /// Reads only.
    public func appliedVersions() async throws -> [Int] {
        let logger = database.logger
        return try await database.withConnection { connection in
            let table = try await connection.collect("SELECT to_regclass('schema_migrations') IS NOT NULL", logger: logger) {
                try $0.decode(Bool.self)
            }
            guard table.first == true else { return [] }
            return try await connection.collect("SELECT version FROM schema_migrations ORDER BY version", logger: logger) {
                Int(try $0.decode(Int32.self))
            }
        }
    }

    /// The migrations of `available` not recorded yet, ascending. A server refuses to start when this is not
    /// empty. Reads only.
    public func pendingMigrations(_ available: [PostgresMigration]) async throws -> [PostgresMigration] {
        let applied = Set(try await appliedVersions())
        return available.filter { !applied.contains($0.version) }.sorted { $0.version < $1.version }
    }

    /// Applies one migration and records it, in one transaction. Returns false, changing nothing, when its
    /// version is already recorded (another migrator got there first). A failing statement rolls everything
    /// back and throws.
    @discardableResult
    public func apply(_ migration: PostgresMigration) async throws -> Bool {
        let logger = database.logger
        let statements = PostgresSQLScript.statements(migration.sql)
        return try await database.withTransaction { connection in
            try await connection.run("SELECT pg_advisory_xact_lock(\(Self.lockKey))", logger: logger)
            try await connection.run(
                """
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version integer PRIMARY KEY,
                    name text NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now()
                )
                """,
                logger: logger
            )
            let version = Int32(migration.version)
            let recorded = try await connection.collect(
                "SELECT 1 FROM schema_migrations WHERE version = \(version)", logger: logger
            ) { _ in () }
            guard recorded.isEmpty else { return false }
            for statement in statements {
                try await connection.run(PostgresQuery(unsafeSQL: statement), logger: logger)
            }
            try await connection.run(
                "INSERT INTO schema_migrations (version, name) VALUES (\(version), \(migration.name))", logger: logger
            )
            return true
        }
    }

    /// Applies every pending migration of `available` in ascending order; returns those this call applied.
    public func migrate(_ available: [PostgresMigration]) async throws -> [PostgresMigration] {
        var applied: [PostgresMigration] = []
        for migration in try await pendingMigrations(available) where try await apply(migration) {
            applied.append(migration)
        }
        return applied
    }
}
