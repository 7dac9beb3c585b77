import ChatServer
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

@Suite(
    "Serving PostgreSQL",
    .enabled(if: TestPostgresDatabase.serverURL != nil, "set CHAT_TEST_POSTGRES_URL (scripts/test starts a server)"))
struct PostgresStartupTests {
    func configuration(_ database: TestPostgresDatabase) -> AppConfiguration {
        var configuration = AppConfiguration(jwtSecret: "test-secret-0123456789-0123456789-abcdef")
        configuration.port = 0
        configuration.database = .postgres(url: database.url)
        configuration.logLevel = .critical
        return configuration
    }

    @Test func theServerRefusesAnUnmigratedDatabaseAndNamesTheFix() async throws {
        let database = try await TestPostgresDatabase.create()
        defer { Task { try? await database.drop() } }
        let app = try await buildApplication(configuration(database))
        do {
            try await app.test(.live) { client in _ = try await client.execute(uri: "/health", method: .get) }
            Issue.record("the server started on an unmigrated database")
        } catch let error as StartupError {
            #expect(error.description.contains("chat-server migrate"))
            #expect(error.description.contains("0001_initial"))
        }
    }

    @Test func afterMigrateTheServerServes() async throws {
        let database = try await TestPostgresDatabase.create()
        defer { Task { try? await database.drop() } }
        try await migrateDatabase(configuration(database), logger: Logger(label: "test"))
        try await migrateDatabase(configuration(database), logger: Logger(label: "test"))
        let app = try await buildApplication(configuration(database))
        try await app.test(.live) { client in
            let ready = try await client.execute(uri: "/ready", method: .get)
            #expect(ready.status == .ok)
        }
    }
}
