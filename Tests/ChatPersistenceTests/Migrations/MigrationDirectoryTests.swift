import ChatPersistence
import Foundation
import Testing

@Suite("MigrationDirectory and SchemaLocation")
struct MigrationDirectoryTests {
    @Test func duplicateVersionNumbersAreRefused() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("0001_a.sql", "SELECT 1;")
        try directory.write("1_b.sql", "SELECT 1;")
        #expect(throws: MigrationError(.duplicateVersion(1, files: ["0001_a.sql", "1_b.sql"]))) {
            try MigrationDirectory.load(directory.url)
        }
    }

    @Test func misnamedSQLFilesAreRefused() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("initial.sql", "SELECT 1;")
        let error = #expect(throws: MigrationError.self) { try MigrationDirectory.load(directory.url) }
        #expect(error?.description.contains("initial.sql") == true)
    }

    @Test func theRepositorySchemaIsFoundFromTheSourceTree() throws {
        let url = try SchemaLocation.resolve(.sqlite)
        #expect(url.lastPathComponent == "sqlite")
        #expect(try MigrationDirectory.load(url).first?.name == "initial")
    }

    @Test func anExplicitDirectoryWinsAndMustExist() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let found = try SchemaLocation.resolve(
            .sqlite, explicit: directory.url.path, environment: ["SCHEMA_DIR": "/elsewhere"],
            currentDirectory: "/", repositoryRoot: SchemaLocation.repositoryRoot)
        #expect(found.path == directory.url.standardizedFileURL.path)
        let missing = directory.path("missing")
        let error = #expect(throws: MigrationError.self) {
            try SchemaLocation.resolve(
                .sqlite, explicit: missing, environment: [:], currentDirectory: "/",
                repositoryRoot: SchemaLocation.repositoryRoot)
        }
        #expect(error?.description.contains(missing) == true)
    }

    @Test func schemaDirHoldsOneFolderPerDialect() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try FileManager.default.createDirectory(atPath: directory.path("postgres"), withIntermediateDirectories: true)
        let found = try SchemaLocation.resolve(
            .postgres, explicit: nil, environment: ["SCHEMA_DIR": directory.url.path], currentDirectory: "/",
            repositoryRoot: SchemaLocation.repositoryRoot)
        #expect(found.path == directory.url.appendingPathComponent("postgres").standardizedFileURL.path)
        #expect(throws: MigrationError.self) {
            try SchemaLocation.resolve(
                .sqlite, explicit: nil, environment: ["SCHEMA_DIR": directory.url.path], currentDirectory: "/",
                repositoryRoot: SchemaLocation.repositoryRoot)
        }
    }

    @Test func theCurrentDirectoryComesBeforeTheSourceTree() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try FileManager.default.createDirectory(atPath: directory.path("schema", "sqlite"), withIntermediateDirectories: true)
        let found = try SchemaLocation.resolve(
            .sqlite, explicit: nil, environment: [:], currentDirectory: directory.url.path,
            repositoryRoot: SchemaLocation.repositoryRoot)
        #expect(found.path == directory.url.appendingPathComponent("schema/sqlite").standardizedFileURL.path)
    }

    @Test func noSchemaAnywhereNamesEveryPlaceTried() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let error = #expect(throws: MigrationError.self) {
            try SchemaLocation.resolve(
                .sqlite, explicit: nil, environment: [:], currentDirectory: directory.path("cwd"),
                repositoryRoot: directory.url.appendingPathComponent("repo"))
        }
        #expect(error?.description.contains(directory.path("cwd", "schema", "sqlite")) == true)
        #expect(error?.description.contains(directory.path("repo", "schema", "sqlite")) == true)
    }
}
