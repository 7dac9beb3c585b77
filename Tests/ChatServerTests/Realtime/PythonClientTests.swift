import Foundation
import Testing

/// The chat over Socket.IO as python-socketio (a third-party client) sees it, in each transport mode:
/// authentication, every client event and its refusals, every server event, presence, revocation,
/// membership changes, ordering and catch-up. The scenario lives in `Python/chat_scenario.py`.
@Suite(
    "python-socketio end to end",
    .enabled(if: ProcessInfo.processInfo.environment["CHAT_TEST_PYTHON"] != nil, "set CHAT_TEST_PYTHON to run"))
struct PythonClientTests {
    static let scenario = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Python/chat_scenario.py").path

    @Test(arguments: ["polling", "websocket", "upgrade"])
    func chatScenarioPasses(transport: String) async throws {
        try await withServer(configure: { $0.typingTimeout = .seconds(30) }) { api in
            let port = try #require(api.client.port)
            let result = try await runPython(Self.scenario, "http://127.0.0.1:\(port)", transport)
            #expect(result.status == 0, "scenario (\(transport)) failed:\n\(result.output)")
            #expect(result.output.contains("scenario passed"))
        }
    }

    @Test func typingExpiresWhenStopNeverComes() async throws {
        try await withServer(configure: { $0.typingTimeout = .milliseconds(300) }) { api in
            let port = try #require(api.client.port)
            let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
                .appendingPathComponent("Python/typing_expiry.py").path
            let result = try await runPython(script, "http://127.0.0.1:\(port)", "websocket")
            #expect(result.status == 0, "typing expiry failed:\n\(result.output)")
        }
    }
}

/// Runs a Python script with `CHAT_TEST_PYTHON` and returns its exit status and combined output. Waits through
/// the termination handler, so no cooperative thread is blocked while the in-process server answers the script.
func runPython(_ script: String, _ arguments: String...) async throws -> (status: Int32, output: String) {
    let outputURL = FileManager.default.temporaryDirectory.appendingPathComponent("python-\(UUID().uuidString).log")
    _ = FileManager.default.createFile(atPath: outputURL.path, contents: nil)
    defer { try? FileManager.default.removeItem(at: outputURL) }
    let output = try FileHandle(forWritingTo: outputURL)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: ProcessInfo.processInfo.environment["CHAT_TEST_PYTHON"] ?? "/usr/bin/python3")
    process.arguments = ["-u", script] + arguments
    process.standardOutput = output
    process.standardError = output
    try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
        process.terminationHandler = { _ in continuation.resume() }
        do {
            try process.run()
        } catch {
            process.terminationHandler = nil
            continuation.resume(throwing: error)
        }
    }
    try output.close()
    return (process.terminationStatus, (try? String(contentsOf: outputURL, encoding: .utf8)) ?? "")
}
