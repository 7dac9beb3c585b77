import Foundation
import HummingbirdTesting
import Testing

@testable import ChatRealtime

/// Runs python-socketio's client (`CHAT_TEST_PYTHON` names an interpreter with `python-socketio[client]`
/// and `websocket-client`) against a live server, in the three transport modes.
@Suite(
    "python-socketio interop",
    .enabled(if: ProcessInfo.processInfo.environment["CHAT_TEST_PYTHON"] != nil),
    .timeLimit(.minutes(2)),
    .serialized
)
struct PythonInteropTests {
    static var scriptPath: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Python/interop_client.py").path
    }

    static func interopServer() -> SocketIOServer {
        let io = SocketIOServer(configuration: .init(pingInterval: .seconds(1), pingTimeout: .seconds(2)))
        for name in ["/", "/custom"] {
            io.namespace(name).onConnection { socket in
                await socket.emit("auth", .object(socket.auth))
                await socket.on("message") { arguments, _ in await socket.emit("message-back", arguments: arguments) }
                await socket.on("message-with-ack") { arguments, ack in await ack?.reply(arguments) }
                await socket.on("ask-me") { _, _ in
                    let answer = (try? await socket.emitWithAck("question", "life", timeout: .seconds(5))) ?? ["no answer"]
                    await socket.emit("answer-was", arguments: answer)
                }
            }
        }
        return io
    }

    @Test(arguments: ["polling", "websocket", "upgrade"])
    func pythonSocketIOClientPassesEveryCheck(mode: String) async throws {
        let python = try #require(ProcessInfo.processInfo.environment["CHAT_TEST_PYTHON"])
        try await TestApplication.run(io: Self.interopServer()) { _, port in
            // The output goes to a file and termination is awaited through the handler: blocking reads or
            // waitUntilExit() would occupy the cooperative threads the in-process server needs.
            let outputURL = FileManager.default.temporaryDirectory.appendingPathComponent("interop-\(mode)-\(port).log")
            FileManager.default.createFile(atPath: outputURL.path, contents: nil)
            let output = try FileHandle(forWritingTo: outputURL)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: python)
            process.arguments = [Self.scriptPath, "http://127.0.0.1:\(port)", mode]
            process.standardOutput = output
            process.standardError = output
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                process.terminationHandler = { _ in continuation.resume() }
                do {
                    try process.run()
                } catch {
                    process.terminationHandler = nil
                    continuation.resume()
                }
            }
            try output.close()
            let text = (try? String(contentsOf: outputURL, encoding: .utf8)) ?? "(no output)"
            try? FileManager.default.removeItem(at: outputURL)
            #expect(process.terminationStatus == 0, "python client output:\n\(text)")
            #expect(text.contains("ALL PASSED"), "python client output:\n\(text)")
        }
    }
}
