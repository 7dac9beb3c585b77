import ChatDomain
import Foundation
import Testing

@testable import ChatPersistence

/// PostgreSQL adapter behaviour that needs no server: URL parsing, script splitting, migration file names,
/// and failing fast when nothing listens.
struct PostgresOfflineTests {
    @Test func databaseURLGivesHostPortUserPasswordDatabaseAndSSLMode() throws {
        let url = try PostgresURL("postgresql://chat:s%40cret@db.internal:6432/chatdb?sslmode=disable")
        #expect(url.host == "db.internal")
        #expect(url.port == 6432)
        #expect(url.username == "chat")
        #expect(url.password == "s@cret")
        #expect(url.database == "chatdb")
        #expect(url.sslMode == .disable)

        let defaults = try PostgresURL("postgres://chat@localhost")
        #expect(defaults.port == 5432)
        #expect(defaults.database == "chat")
        #expect(defaults.password == nil)
        #expect(defaults.sslMode == .prefer)
    }

    @Test func malformedDatabaseURLNamesTheSetting() {
        for bad in ["mysql://u@h/db", "postgres:///db", "postgres://h/db", "postgres://u@h/db?sslmode=sometimes"] {
            var field: String?
            do {
                _ = try PostgresURL(bad)
            } catch DomainError.invalid(let invalidField, _) {
                field = invalidField
            } catch {}
            #expect(field == "DATABASE_URL", "\(bad)")
        }
    }

    @Test func scriptSplitsOnSemicolonsOutsideQuotesCommentsAndDollarQuotes() {
        let script = """
            -- a comment; not a statement
            CREATE TABLE a (x text DEFAULT 'semi;colon' /* block; comment /* nested; */ */);
            INSERT INTO a VALUES ('it''s; fine'), (E'back\\'slash;'), ("odd;name");
            CREATE FUNCTION f() RETURNS trigger AS $body$ BEGIN RETURN NEW; END; $body$ LANGUAGE plpgsql;
            SELECT $$a;b$$, $1;
            -- trailing comment only
            """
        let statements = PostgresSQLScript.statements(script)
        #expect(statements.count == 4)
        #expect(statements[0].hasSuffix("*/)"))
        #expect(statements[1].hasPrefix("INSERT") && statements[1].hasSuffix("(\"odd;name\")"))
        #expect(statements[2].hasSuffix("LANGUAGE plpgsql"))
        #expect(statements[3] == "SELECT $$a;b$$, $1")
    }

    @Test func postgresMigrationFilesAreVersionedByTheirNumber() throws {
        let migrations = try MigrationDirectory.load(PostgresTestServer.migrationsDirectory)
        #expect(migrations.first?.version == 1)
        #expect(migrations.first?.name == "initial")
        #expect(migrations.map(\.version) == migrations.map(\.version).sorted())
    }

    @Test func likePrefixEscapesWildcards() {
        #expect(PostgresUserRepository.likePrefix("a%b_c\\") == "a\\%b\\_c\\\\%")
    }

    @Test func unreachableServerFailsFastWithUnavailable() async throws {
        // Nothing listens on port 1: connections are refused, and the wait stays bounded by acquireTimeout.
        let database = try PostgresDatabase(
            url: "postgres://postgres@127.0.0.1:1/postgres?sslmode=disable",
            options: PostgresDatabase.Options(connectTimeout: .seconds(1), acquireTimeout: .seconds(1))
        )
        try await PostgresTestServer.running(database) {
            let started = ContinuousClock.now
            await #expect(throws: DomainError.unavailable("database unavailable")) {
                _ = try await PostgresChatRepository(database).summaries(for: UserID(UUID()))
            }
            #expect(ContinuousClock.now - started < .seconds(8), "far below the pool's 60 s circuit breaker")
            await #expect(throws: DomainError.unavailable("database unavailable")) { try await database.checkReady() }
        }
    }
}
