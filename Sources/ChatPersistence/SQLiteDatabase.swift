import ChatDomain
import Foundation
import GRDB

/// An open SQLite database file shared by the SQLite repositories: WAL journal, foreign keys on, the file read
/// through a memory map, waits up to `busyTimeout` for a lock instead of failing at once. Writes are serialized through one connection; reads run
/// concurrently on snapshots.
public final class SQLiteDatabase: Sendable {
    /// The path of the database file.
    public let path: String
    /// The GRDB connection pool, for diagnostics and tests (PRAGMA, EXPLAIN). Repositories use it through
    /// `read`/`write`, which translate driver errors.
    public let pool: DatabasePool
    private let groupCommit: SQLiteGroupCommit

    /// How much of the file SQLite maps into memory, in bytes.
    static let memoryMapSize = 256 << 20
    /// WAL pages between automatic checkpoints.
    static let checkpointInterval = 8_192

    /// Opens the database at `path`, creating the file and its parent directory (e.g. `./data/`) when absent.
    /// When `schema` is given, applies its pending migrations before returning.
    /// Throws when the file cannot be opened or a migration fails (`MigrationError` for a bad directory).
    public init(path: String, migrateFrom schema: URL? = nil, busyTimeout: TimeInterval = 5) async throws {
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(busyTimeout)
        configuration.label = "ChatPersistence.SQLite"
        configuration.prepareDatabase { db in
            // Pages are read through a memory map (up to 256 MiB of the file) instead of a pread each.
            try db.execute(sql: "PRAGMA mmap_size = \(Self.memoryMapSize)")
            // Checkpoints every 8,192 pages (32 MiB of WAL) instead of SQLite's 1,000: a hot page (a chat's row,
            // the tail of an index) written by many commits is copied back to the database once per checkpoint.
            try db.execute(sql: "PRAGMA wal_autocheckpoint = \(Self.checkpointInterval)")
        }
        self.path = path
        self.pool = try DatabasePool(path: path, configuration: configuration)
        self.groupCommit = SQLiteGroupCommit(pool: pool)
        if let schema {
            try await migrations(from: schema).migrate()
        }
    }

    /// A runner for the migrations in `directory`, applied to this database (see `SchemaLocation`).
    public func migrations(from directory: URL) -> MigrationRunner {
        MigrationRunner(directory: directory, driver: SQLiteMigrationDriver(pool: pool))
    }

    /// Returns when the database answers a query; throws `DomainError.unavailable` otherwise (for `/ready`).
    public func checkReady() async throws {
        _ = try await read { db in try Int.fetchOne(db, sql: "SELECT 1") }
    }

    /// Closes every connection once pending work is done. Call at shutdown; the database is unusable afterwards.
    public func close() throws {
        try pool.close()
    }

    /// Runs `updates` in an IMMEDIATE transaction, committed when it returns. Unique violations become
    /// `DomainError.conflict`, busy and I/O failures `DomainError.unavailable`; other errors are rethrown.
    package func write<T: Sendable>(_ updates: @Sendable (Database) throws -> T) async throws -> T {
        do {
            return try await pool.write(updates)
        } catch let error as DatabaseError {
            throw SQLiteErrorTranslation.translate(error)
        }
    }

    /// Like `write`, for the hot path: writes that arrive while a transaction is being written share the next
    /// one, each in a savepoint of its own (see `SQLiteGroupCommit`). Returns once its transaction has committed.
    func groupedWrite<T: Sendable>(_ updates: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await groupCommit.write(updates)
    }

    /// Runs `value` on a read-only snapshot, translating errors as `write` does.
    package func read<T: Sendable>(_ value: @Sendable (Database) throws -> T) async throws -> T {
        do {
            return try await pool.read(value)
        } catch let error as DatabaseError {
            throw SQLiteErrorTranslation.translate(error)
        }
    }
}
