import ChatTestSupport
import ChatDomain
import Foundation
import Testing

@testable import ChatPersistence

/// What callers see when the database goes away and comes back: a quick `unavailable`, then recovery
/// of the same `PostgresDatabase`.
@Suite(.enabled(if: PostgresTestServer.isConfigured, "set CHAT_TEST_POSTGRES_URL (scripts/services/postgres.sh)"))
struct PostgresFaultTests {
    @Test func stoppedServerFailsFastWithUnavailableAndTheSameDatabaseRecoversAfterRestart() async throws {
        let cluster = try await PostgresTestCluster.start()
        do {
            let options = PostgresDatabase.Options(connectTimeout: .seconds(2), acquireTimeout: .seconds(2))
            let database = try PostgresDatabase(url: cluster.url, options: options)
            try await PostgresTestServer.running(database) {
                _ = try await database.migrations(from: PostgresTestServer.migrationsDirectory).migrate()
                let fixtures = PostgresFixtures(database: database)
                let alice = try await fixtures.user("alice")
                #expect(try await fixtures.users.find(id: alice.id) == alice)

                try await cluster.stop()
                let clock = ContinuousClock()
                for attempt in 1...2 {
                    let started = clock.now
                    await #expect(throws: DomainError.unavailable("database unavailable"), "attempt \(attempt)") {
                        _ = try await fixtures.users.find(id: alice.id)
                    }
                    #expect(clock.now - started < .seconds(8), "attempt \(attempt) took \(clock.now - started)")
                }
                await #expect(throws: DomainError.unavailable("database unavailable")) { try await database.checkReady() }

                try await cluster.start()
                let recovered = try await Self.eventually(within: .seconds(30)) {
                    try await fixtures.users.find(id: alice.id)
                }
                #expect(recovered == alice)
                let bob = try await fixtures.user("bob")
                #expect(try await fixtures.users.find(id: bob.id) == bob)
            }
        } catch {
            await cluster.destroy()
            throw error
        }
        await cluster.destroy()
    }

    /// The first value `body` returns without throwing `DomainError.unavailable`, retried until `within`.
    static func eventually<T: Sendable>(within limit: Duration, _ body: @Sendable () async throws -> T) async throws -> T {
        let deadline = ContinuousClock.now + limit
        while true {
            do {
                return try await body()
            } catch DomainError.unavailable(let reason) {
                if ContinuousClock.now > deadline { throw DomainError.unavailable(reason) }
                try await Task.sleep(for: .milliseconds(200))
            }
        }
    }
}
