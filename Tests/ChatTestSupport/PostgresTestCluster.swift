import Foundation

/// A PostgreSQL cluster of its own, in a temporary directory, started and stopped through
/// `scripts/services/postgres.sh`, so a test can take it down without touching any other test's server.
public struct PostgresTestCluster: Sendable {
    struct ScriptFailed: Error, CustomStringConvertible {
        var arguments: [String]
        var status: Int32
        var output: String
        var description: String { "postgres.sh \(arguments.joined(separator: " ")) exited \(status): \(output)" }
    }

    public let directory: URL
    public let port: Int

    /// The cluster's admin URL.
    public var url: String { "postgres://postgres@127.0.0.1:\(port)/postgres?sslmode=disable" }

    /// The repository root, found from this file (`Tests/ChatTestSupport/PostgresTestCluster.swift`).
    private static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("scripts/services/postgres.sh")

    /// Creates and starts a new cluster on a free port.
    public static func start() async throws -> PostgresTestCluster {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("chat-pg-fault-\(UUID().uuidString.prefix(8))")
        let cluster = PostgresTestCluster(directory: directory, port: try freePort())
        try await cluster.start()
        return cluster
    }

    /// Starts (or restarts) the cluster on its port; returns once it accepts connections.
    public func start() async throws {
        try await run(["start", directory.path], environment: ["PG_TEST_PORT": String(port)])
    }

    /// Stops the cluster (fast shutdown: open connections are cut).
    public func stop() async throws {
        try await run(["stop", directory.path], environment: [:])
    }

    /// Stops the cluster and deletes its directory.
    public func destroy() async {
        try? await stop()
        try? FileManager.default.removeItem(at: directory)
    }

    private func run(_ arguments: [String], environment: [String: String]) async throws {
        let script = Self.script
        let environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        // Waiting for the script blocks a thread for a second or two: a dispatch thread, not one of the few
        // threads every concurrent test shares.
        let (status, output) = try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                do {
                    continuation.resume(returning: try Self.runBlocking(script, arguments, environment))
                } catch {
                    continuation.resume(throwing: error)
                }
            }
        }
        guard status == 0 else { throw ScriptFailed(arguments: arguments, status: status, output: output) }
    }

    private static func runBlocking(
        _ script: URL, _ arguments: [String], _ environment: [String: String]
    ) throws -> (Int32, String) {
        let process = Process()
        process.executableURL = script
        process.arguments = arguments
        process.environment = environment
        // Output goes to a file, not a pipe: nothing the script starts can then keep us waiting for end-of-file.
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("postgres-sh-\(UUID().uuidString).log")
        FileManager.default.createFile(atPath: log.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: log) }
        let handle = try FileHandle(forWritingTo: log)
        defer { try? handle.close() }
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        let output = (try? Data(contentsOf: log)) ?? Data()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }

    private static func freePort() throws -> Int {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", "-c",
            "import socket; s = socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1]); s.close()",
        ]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard let port = Int(text) else { throw ScriptFailed(arguments: ["free port"], status: 1, output: text) }
        return port
    }
}
