import ChatServer
import ChatTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

@Suite(
    "Database outage",
    .enabled(if: TestPostgresDatabase.serverURL != nil, "set CHAT_TEST_POSTGRES_URL (scripts/test starts a server)"))
struct DatabaseOutageTests {
    @Test func requestsFailFastWith503WhileTheDatabaseIsDownAndRecoverWithoutARestart() async throws {
        let cluster = try await PostgresTestCluster.start()
        do {
            var configuration = AppConfiguration(jwtSecret: "test-secret-0123456789-0123456789-abcdef")
            configuration.port = 0
            configuration.database = .postgres(url: cluster.url)
            configuration.bcryptCost = 10
            configuration.logLevel = .critical
            try await migrateDatabase(configuration, logger: Logger(label: "test"))
            let app = try await buildApplication(configuration)
            try await app.test(.live) { client in
                let api = API(client: client)
                let alice = try await api.account("alice")
                #expect(try await api.send(.get, "/chats", token: alice.token).status == .ok)

                try await cluster.stop()
                let started = ContinuousClock.now
                let down = try await api.send(.post, "/chats", json: ["name": "T", "participantIds": []], token: alice.token)
                #expect(down.status == .serviceUnavailable)
                #expect(down.errorCode == "SERVICE_UNAVAILABLE")
                #expect(ContinuousClock.now - started < .seconds(15), "no hang while the database is down")
                let ready = try await api.send(.get, "/ready")
                #expect(ready.status == .serviceUnavailable)
                #expect(try await api.send(.get, "/health").status == .ok)

                try await cluster.start()
                var recovered = false
                for _ in 0..<40 where !recovered {
                    recovered = try await api.send(.get, "/ready").status == .ok
                    if !recovered { try await Task.sleep(for: .milliseconds(250)) }
                }
                #expect(recovered, "the same server serves again once the database is back")
                let chat = try await api.send(.post, "/chats", json: ["name": "T", "participantIds": []], token: alice.token)
                #expect(chat.status == .created)
            }
        } catch {
            await cluster.destroy()
            throw error
        }
        await cluster.destroy()
    }
}
