import ChatDomain
import Foundation
import Testing

@testable import ChatPersistence

/// The migration driver against a real server: what is pending, applying once, and all-or-nothing.
@Suite(.enabled(if: PostgresTestServer.isConfigured, "set CHAT_TEST_POSTGRES_URL (scripts/services/postgres.sh)"))
struct PostgresMigrationTests {
    @Test func emptyDatabaseHasEveryMigrationPendingUntilMigrated() async throws {
        try await PostgresTestServer.withFreshDatabase(migrated: false) { database in
            let driver = PostgresMigrationDriver(database: database)
            let runner = database.migrations(from: PostgresTestServer.migrationsDirectory)
            let available = try MigrationDirectory.load(PostgresTestServer.migrationsDirectory)
            #expect(try await driver.appliedVersions().isEmpty)
            #expect(try await runner.pending() == available)

            #expect(try await runner.migrate() == available)
            #expect(try await driver.appliedVersions() == Set(available.map(\.version)))
            #expect(try await runner.pending() == [])
            #expect(try await runner.migrate() == [], "a second run applies nothing")
            #expect(try await driver.apply(available[0]) == false)
        }
    }

    @Test func concurrentMigratorsApplyEachMigrationOnce() async throws {
        try await PostgresTestServer.withFreshDatabase(migrated: false) { database in
            let available = try MigrationDirectory.load(PostgresTestServer.migrationsDirectory)
            let appliedCounts = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<4 {
                    group.addTask { try await database.migrations(from: PostgresTestServer.migrationsDirectory).migrate().count }
                }
                return try await group.reduce(0, +)
            }
            #expect(appliedCounts == available.count)
            #expect(try await PostgresMigrationDriver(database: database).appliedVersions() == Set(available.map(\.version)))
        }
    }

    @Test func failingMigrationLeavesNoTraceAndIsStillPending() async throws {
        try await PostgresTestServer.withFreshDatabase { database in
            let driver = PostgresMigrationDriver(database: database)
            let broken = Migration(
                version: 9999, name: "broken",
                sql: "CREATE TABLE half_done (x integer);\nINSERT INTO no_such_table VALUES (1);\n"
            )
            await #expect(throws: (any Error).self) { try await driver.apply(broken) }
            #expect(try await !driver.appliedVersions().contains(broken.version))
            let tables = try await database.collect("SELECT to_regclass('half_done') IS NULL") { try $0.decode(Bool.self) }
            #expect(tables == [true], "the first statement was rolled back")
        }
    }
}
