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

    /// Opens the configured database. The embedded SQLite default migrates itself; PostgreSQL must already be
    /// migrated (`chat-server migrate`).
    static func open(_ configuration: AppConfiguration, logger: Logger) async throws -> Backends {
        switch configuration.database {
        case .sqlite(let path):
            let database = try await SQLiteDatabase(path: path, migrateFrom: SchemaLocation.resolve(.sqlite))
            // Last: nothing may fail after the S3 client exists, or it would never be shut down.
            let storage = try StorageBackend(configuration.storage, logger: logger)
            return Backends(
                repositories: Repositories(
                    users: SQLiteUserRepository(database), chats: SQLiteChatRepository(database),
                    messages: SQLiteMessageRepository(database), sessions: SQLiteSessionRepository(database),
                    files: SQLiteFileRepository(database)),
                blobs: storage.store,
                probes: [DatabaseProbe(name: "database") { try await database.checkReady() }, storage.probe],
                services: storage.services)
        case .postgres:
            throw ConfigurationError(variable: "DATABASE_URL", expected: "postgres:// is not supported by this build yet")
        }
    }
}

/// A readiness probe that runs a check closure over an adapter.
struct DatabaseProbe: ReadinessProbe {
    let name: String
    let probe: @Sendable () async throws -> Void

    init(name: String, _ probe: @escaping @Sendable () async throws -> Void) {
        self.name = name
        self.probe = probe
    }

    func check() async throws { try await probe() }
}
