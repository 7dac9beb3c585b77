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
    case .postgres:
        throw ConfigurationError(variable: "DATABASE_URL", expected: "postgres:// is not supported by this build yet")
    }
}
