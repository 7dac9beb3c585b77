import ChatAuth
import ChatDomain
import ChatPersistence
import Foundation
import Logging
import ServiceLifecycle

/// The database and storage adapters chosen by the configuration, with what `/ready` checks and
/// the long-running services they need.
struct Backends: Sendable {
    var repositories: Repositories
    var blobs: any BlobStore
    var probes: [any ReadinessProbe]
    var services: [any Service]
    /// The PostgreSQL database, when that is the configured one (the cluster adapter shares it).
    var postgres: PostgresDatabase?
    /// Whether a session is active, answered from memory (see `CachedSessionGate`); across nodes once a cluster
    /// is connected.
    var sessionGate: any SessionGate
    /// Where presence is counted across nodes, once a cluster is connected.
    var presence: PresenceTracker.Cluster?
    /// The cluster adapter, once a cluster is connected.
    var cluster: PostgresClusterAdapter?
    /// Checks that must pass before the server accepts connections (they run once the services run).
    var startupChecks: [@Sendable () async throws -> Void] = []

    /// Opens the configured database, then the blob store. The embedded SQLite default migrates itself; PostgreSQL
    /// must already be migrated (`chat-server migrate`), which a start-up check verifies.
    static func open(_ configuration: AppConfiguration, logger: Logger) async throws -> Backends {
        let ttl = configuration.sessionCheckInterval
        let database = try await openDatabase(configuration.database, logger: logger)
        // Last: nothing may fail after the S3 client exists, or it would never be shut down.
        let storage = try StorageBackend(configuration.storage, logger: logger)
        return Backends(
            repositories: database.repositories, blobs: storage.store, probes: [database.probe, storage.probe],
            services: database.services + storage.services, postgres: database.services.first as? PostgresDatabase,
            sessionGate: CachedSessionGate(sessions: database.repositories.sessions, ttl: ttl),
            startupChecks: database.startupChecks)
    }

    private typealias Database = (
        repositories: Repositories, probe: any ReadinessProbe, services: [any Service],
        startupChecks: [@Sendable () async throws -> Void]
    )

    private static func openDatabase(_ choice: AppConfiguration.Database, logger: Logger) async throws -> Database {
        switch choice {
        case .sqlite(let path):
            let database = try await SQLiteDatabase(path: path, migrateFrom: SchemaLocation.resolve(.sqlite))
            return (
                Repositories(
                    users: SQLiteUserRepository(database), chats: SQLiteChatRepository(database),
                    messages: SQLiteMessageRepository(database), search: SQLiteMessageSearchIndex(database),
                    sessions: SQLiteSessionRepository(database),
                    files: SQLiteFileRepository(database), reactions: SQLiteReactionRepository(database)),
                ClosureProbe(name: "database") { try await database.checkReady() }, [], []
            )
        case .postgres(let url):
            let database = try openPostgres(url, logger: logger)
            let schema = try SchemaLocation.resolve(.postgres)
            return (
                Repositories(
                    users: PostgresUserRepository(database), chats: PostgresChatRepository(database),
                    messages: PostgresMessageRepository(database), search: PostgresMessageSearchIndex(database),
                    sessions: PostgresSessionRepository(database),
                    files: PostgresFileRepository(database), reactions: PostgresReactionRepository(database)),
                ClosureProbe(name: "database") { try await database.checkReady() }, [database],
                [{ try await requireMigrated(database, schema: schema) }]
            )
        }
    }
}

/// The PostgreSQL database at `url`. Throws `ConfigurationError` naming `DATABASE_URL` when it is malformed.
func openPostgres(
    _ url: String, options: PostgresDatabase.Options = PostgresDatabase.Options(), logger: Logger
) throws -> PostgresDatabase {
    do {
        return try PostgresDatabase(url: url, options: options, logger: logger)
    } catch let error as DomainError {
        throw ConfigurationError(variable: "DATABASE_URL", expected: error.message)
    }
}

/// Refuses to serve a PostgreSQL database whose schema is behind, naming the command that fixes it.
func requireMigrated(_ database: PostgresDatabase, schema: URL) async throws {
    let pending = try await database.migrations(from: schema).pending()
    guard pending.isEmpty else {
        let names = pending.map { String(format: "%04d", $0.version) + "_\($0.name).sql" }.joined(separator: ", ")
        throw StartupError(
            "the database schema is behind (pending: \(names)); run `chat-server migrate` with the same DATABASE_URL")
    }
}

/// A reason the server will not start, said in words an operator can act on.
public struct StartupError: Error, CustomStringConvertible {
    public let description: String

    init(_ description: String) { self.description = description }
}

/// A readiness probe that runs a check closure over an adapter (database, blob store).
struct ClosureProbe: ReadinessProbe {
    let name: String
    let probe: @Sendable () async throws -> Void

    init(name: String, _ probe: @escaping @Sendable () async throws -> Void) {
        self.name = name
        self.probe = probe
    }

    func check() async throws { try await probe() }
}
