import Foundation

/// A throwaway database on the PostgreSQL server of `CHAT_TEST_POSTGRES_URL`, made and dropped with `psql`.
/// The end-to-end suite runs on PostgreSQL instead of SQLite when `CHAT_TEST_DATABASE=postgres`.
struct TestPostgresDatabase: Sendable {
    /// The URL of the new database.
    let url: String
    let name: String

    static var serverURL: String? { ProcessInfo.processInfo.environment["CHAT_TEST_POSTGRES_URL"] }
    static var isSelected: Bool { ProcessInfo.processInfo.environment["CHAT_TEST_DATABASE"] == "postgres" && serverURL != nil }

    /// Creates an empty database with a random name.
    static func create() async throws -> TestPostgresDatabase {
        guard let server = serverURL, let base = URL(string: server) else { throw TestDatabaseError("CHAT_TEST_POSTGRES_URL is not set") }
        let name = "e2e_\(UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: ""))"
        try await psql(server, "CREATE DATABASE \(name)")
        var components = URLComponents(url: base, resolvingAgainstBaseURL: false)!
        components.path = "/\(name)"
        return TestPostgresDatabase(url: components.string!, name: name)
    }

    /// Drops the database.
    func drop() async throws {
        guard let server = Self.serverURL else { return }
        try await Self.psql(server, "DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
    }

    private static func psql(_ url: String, _ sql: String) async throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["psql", url, "-v", "ON_ERROR_STOP=1", "-q", "-c", sql]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            process.terminationHandler = { _ in continuation.resume() }
            do { try process.run() } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: error)
            }
        }
        guard process.terminationStatus == 0 else { throw TestDatabaseError("psql failed: \(sql)") }
    }
}

struct TestDatabaseError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
