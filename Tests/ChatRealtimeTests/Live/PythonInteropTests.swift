import Foundation
import HummingbirdTesting
import Testing

@testable import ChatRealtime

/// Runs python-socketio's client (`CHAT_TEST_PYTHON` names an interpreter with `python-socketio[client]`
/// and `websocket-client`) against a live server, in the three transport modes.
@Suite(
    "python-socketio interop",
    .enabled(if: ProcessInfo.processInfo.environment["CHAT_TEST_PYTHON"] != nil),
    .timeLimit(.minutes(2))
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
            let process = Process()
            process.executableURL = URL(fileURLWithPath: python)
            process.arguments = [Self.scriptPath, "http://127.0.0.1:\(port)", mode]
            let output = Pipe()
            process.standardOutput = output
            process.standardError = output
            try process.run()
            let data = await Task.detached { output.fileHandleForReading.readDataToEndOfFile() }.value
            process.waitUntilExit()
            let text = String(decoding: data, as: UTF8.self)
            #expect(process.terminationStatus == 0, "python client output:\n\(text)")
            #expect(text.contains("ALL PASSED"), "python client output:\n\(text)")
        }
    }
}
