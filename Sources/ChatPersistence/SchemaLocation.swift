import Foundation

/// The SQL dialects that have a schema directory, named as their folder under `schema/`.
public enum SQLDialect: String, Sendable, CaseIterable {
    /// SQLite, migrated from `schema/sqlite`.
    case sqlite
    /// PostgreSQL, migrated from `schema/postgres`.
    case postgres
}

/// Finds the directory holding a dialect's migration files.
public enum SchemaLocation {
    /// The directory of `dialect`'s migrations, the first that applies of:
    /// 1. `explicit`, when given (the dialect directory itself);
    /// 2. `$SCHEMA_DIR/<dialect>`, when `SCHEMA_DIR` is set (the root holding one folder per dialect);
    /// 3. `./schema/<dialect>` under the current directory, when it exists;
    /// 4. `<repository>/schema/<dialect>` found from this source file, for tests and `swift run`, when it exists.
    /// Throws `MigrationError` naming the directories tried when an explicit or `SCHEMA_DIR` directory is missing,
    /// or when neither default exists.
    public static func resolve(_ dialect: SQLDialect, explicit: String? = nil) throws -> URL {
        try resolve(
            dialect, explicit: explicit, environment: ProcessInfo.processInfo.environment,
            currentDirectory: FileManager.default.currentDirectoryPath, repositoryRoot: repositoryRoot
        )
    }

    /// `resolve(_:explicit:)` with every input given, for tests.
    package static func resolve(
        _ dialect: SQLDialect, explicit: String?, environment: [String: String], currentDirectory: String,
        repositoryRoot: URL
    ) throws -> URL {
        if let explicit {
            return try existing(URL(fileURLWithPath: explicit, isDirectory: true), dialect: dialect)
        }
        if let root = environment["SCHEMA_DIR"], !root.isEmpty {
            let url = URL(fileURLWithPath: root, isDirectory: true).appendingPathComponent(dialect.rawValue)
            return try existing(url, dialect: dialect)
        }
        let candidates = [
            URL(fileURLWithPath: currentDirectory, isDirectory: true).appendingPathComponent("schema"),
            repositoryRoot.appendingPathComponent("schema"),
        ].map { $0.appendingPathComponent(dialect.rawValue).standardizedFileURL }
        if let found = candidates.first(where: isDirectory) { return found }
        throw MigrationError(.directoryNotFound(dialect: dialect.rawValue, tried: candidates.map(\.path)))
    }

    /// The repository root, three levels above this file (`Sources/ChatPersistence/SchemaLocation.swift`).
    package static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    private static func existing(_ url: URL, dialect: SQLDialect) throws -> URL {
        guard isDirectory(url) else {
            throw MigrationError(.directoryNotFound(dialect: dialect.rawValue, tried: [url.path]))
        }
        return url.standardizedFileURL
    }

    private static func isDirectory(_ url: URL) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && isDirectory.boolValue
    }
}
