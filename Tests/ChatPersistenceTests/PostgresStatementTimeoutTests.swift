import ChatDomain
import Foundation
import Testing

@testable import ChatPersistence

/// A statement the server runs too long is cancelled (`statement_timeout`) and the call fails with
/// `unavailable`, so an HTTP request answers 503 instead of hanging; the connection stays usable.
@Suite(.enabled(if: PostgresTestServer.isConfigured, "set CHAT_TEST_POSTGRES_URL (scripts/services/postgres.sh)"))
struct PostgresStatementTimeoutTests {
    @Test func aStatementOverTheTimeoutIsCancelledAndTheDatabaseStaysUsable() async throws {
        let options = PostgresDatabase.Options(maximumConnections: 1, statementTimeout: .milliseconds(300))
        // Not migrated: the schema is not needed, and migrating under a 300 ms limit could itself time out.
        try await PostgresTestServer.withFreshDatabase(options: options, migrated: false) { database in
            await #expect(throws: DomainError.unavailable("database unavailable")) {
                try await database.execute("SELECT pg_sleep(5)")
            }
            // The only pooled connection served the cancelled statement and serves the next one.
            let answer = try await database.collect("SELECT 1") { try $0.decode(Int32.self) }
            #expect(answer == [1])
        }
    }

    @Test func theTimeoutIsSentAtStartupAndMigrationsCanGoWithout() throws {
        let url = try PostgresURL("postgres://chat@localhost/chat")
        let bounded = url.configuration(PostgresDatabase.Options(statementTimeout: .milliseconds(1500)))
        #expect(bounded.options.additionalStartupParameters.map { "\($0.0)=\($0.1)" } == ["statement_timeout=1500"])
        let unbounded = url.configuration(PostgresDatabase.Options(statementTimeout: nil))
        #expect(unbounded.options.additionalStartupParameters.isEmpty)
    }
}
