import ChatServer
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import ServiceLifecycle
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
        // Run it as `chat-server serve` does (the test client would wait for a port that never opens).
        let group = ServiceGroup(configuration: .init(services: [app], logger: Logger(label: "test")))
        let outcome = await withTaskGroup(of: String?.self) { tasks in
            tasks.addTask {
                do {
                    try await group.run()
                    return "the server ran on an unmigrated database"
                } catch {
                    return String(describing: error)
                }
            }
            tasks.addTask {
                try? await Task.sleep(for: .seconds(30))
                await group.triggerGracefulShutdown()
                return nil
            }
            let first = await tasks.next() ?? nil
            tasks.cancelAll()
            return first
        }
        let message = try #require(outcome, "the server neither failed nor stopped within 30 s")
        #expect(message.contains("chat-server migrate"), "\(message)")
        #expect(message.contains("0001_initial"), "\(message)")
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
