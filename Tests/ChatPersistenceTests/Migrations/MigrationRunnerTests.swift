import ChatPersistence
import Foundation
import Testing

@Suite("MigrationRunner on SQLite")
struct MigrationRunnerTests {
    @Test func theInitialSchemaIsRecordedAndReopeningAppliesNothing() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let schema = try SchemaLocation.resolve(.sqlite)
        let path = directory.path("chat.sqlite")
        let database = try await SQLiteDatabase(path: path, migrateFrom: schema)
        #expect(try await database.column("SELECT version || ':' || name FROM schema_migrations ORDER BY version")
            == ["1:initial", "2:reactions", "3:search", "4:search_by_chat"])
        #expect(try await database.migrations(from: schema).pending().isEmpty)
        #expect(try await database.migrations(from: schema).migrate().isEmpty)
        let reopened = try await SQLiteDatabase(path: path, migrateFrom: schema)
        #expect(try await reopened.column("SELECT count(*) FROM schema_migrations") == ["4"])
    }

    @Test func pendingMigrationsAreReportedWithoutBeingApplied() async throws {
        let (directory, schema) = try makeSchema([
            "0001_first.sql": "CREATE TABLE first (id INTEGER PRIMARY KEY);",
            "0002_second.sql": "CREATE TABLE second (id INTEGER PRIMARY KEY);",
        ])
        defer { directory.remove() }
        let database = try await SQLiteDatabase(path: directory.path("chat.sqlite"))
        let runner = database.migrations(from: schema)
        #expect(try await runner.pending().map(\.version) == [1, 2])
        #expect(try await runner.pending().map(\.version) == [1, 2])
        #expect(try await database.column("SELECT count(*) FROM sqlite_master WHERE name IN ('first', 'second')") == ["0"])
        #expect(try await runner.migrate().map(\.name) == ["first", "second"])
        #expect(try await database.column("SELECT count(*) FROM sqlite_master WHERE name IN ('first', 'second')") == ["2"])
        try directory.write("schema/0003_third.sql", "CREATE TABLE third (id INTEGER PRIMARY KEY);")
        #expect(try await runner.pending().map(\.name) == ["third"])
    }

    @Test func aFailingMigrationLeavesNoTraceAndKeepsEarlierOnesApplied() async throws {
        let (directory, schema) = try makeSchema([
            "0001_good.sql": "CREATE TABLE good (id INTEGER PRIMARY KEY);",
            "0002_bad.sql": "CREATE TABLE half (id INTEGER PRIMARY KEY);\nINSERT INTO missing_table VALUES (1);",
        ])
        defer { directory.remove() }
        let database = try await SQLiteDatabase(path: directory.path("chat.sqlite"))
        let runner = database.migrations(from: schema)
        await #expect(throws: (any Error).self) { try await runner.migrate() }
        #expect(try await database.column("SELECT version FROM schema_migrations") == ["1"])
        #expect(try await database.column("SELECT name FROM sqlite_master WHERE name IN ('good', 'half')") == ["good"])
        #expect(try await runner.pending().map(\.version) == [2])
    }

    @Test func migrationsApplyInNumericOrder() async throws {
        let (directory, schema) = try makeSchema([
            "10_later.sql": "INSERT INTO log (step) VALUES ('later');",
            "2_create.sql": "CREATE TABLE log (n INTEGER PRIMARY KEY, step TEXT);",
            "0003_middle.sql": "INSERT INTO log (step) VALUES ('middle');",
            "README.md": "not a migration",
        ])
        defer { directory.remove() }
        let database = try await SQLiteDatabase(path: directory.path("chat.sqlite"), migrateFrom: schema)
        #expect(try await database.column("SELECT step FROM log ORDER BY n") == ["middle", "later"])
        #expect(try await database.column("SELECT version FROM schema_migrations ORDER BY version") == ["2", "3", "10"])
    }

    private func makeSchema(_ files: [String: String]) throws -> (TemporaryDirectory, URL) {
        let directory = try TemporaryDirectory()
        try FileManager.default.createDirectory(
            atPath: directory.path("schema"), withIntermediateDirectories: true)
        for (name, sql) in files { try directory.write("schema/\(name)", sql) }
        return (directory, directory.url.appendingPathComponent("schema"))
    }
}
