import ChatPersistence
import Foundation
import Logging

/// `chat-server migrate`: applies the pending migrations of the configured database and says what it did.
public func migrateDatabase(_ configuration: AppConfiguration, logger: Logger) async throws {
    switch configuration.database {
    case .sqlite(let path):
        let database = try await SQLiteDatabase(path: path)
        let applied = try await database.migrations(from: SchemaLocation.resolve(.sqlite)).migrate()
        logger.notice("sqlite \(path): applied \(applied.count) migration(s)")
        try database.close()
    case .postgres(let url):
        // No statement timeout: building an index on a large table may take a while.
        let database = try openPostgres(url, options: PostgresDatabase.Options(statementTimeout: nil), logger: logger)
        let runner = database.migrations(from: try SchemaLocation.resolve(.postgres))
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await database.run() }
            defer { group.cancelAll() }
            let applied = try await runner.migrate()
            logger.notice("postgres: applied \(applied.count) migration(s)")
        }
    }
}
