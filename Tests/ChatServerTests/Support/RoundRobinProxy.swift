import Foundation

/// `Realtime/Python/round_robin_proxy.py` running in front of some nodes: every HTTP request goes to the next node
/// in turn, as a load balancer without sticky sessions does. Stop it with `stop()` (it also ends with the test
/// process, when its standard input closes).
final class RoundRobinProxy: @unchecked Sendable {
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Realtime/Python/round_robin_proxy.py").path

    private let process = Process()
    private let input = Pipe()
    private let output = Pipe()

    /// Starts the proxy in front of `backends` (base URLs).
    init(backends: [String]) throws {
        process.executableURL = URL(fileURLWithPath: ProcessInfo.processInfo.environment["CHAT_TEST_PYTHON"] ?? "/usr/bin/python3")
        process.arguments = ["-u", Self.script] + backends
        process.standardInput = input
        process.standardOutput = output
        try process.run()
    }

    /// The port it listens on, once it says so (its first line: `listening PORT`).
    func port() throws -> Int {
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            guard let byte = try output.fileHandleForReading.read(upToCount: 1), !byte.isEmpty else { break }
            line.append(byte)
        }
        let text = String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.hasPrefix("listening "), let port = Int(text.dropFirst("listening ".count)) else {
            throw ProxyError(message: "the proxy said \(text.debugDescription)")
        }
        return port
    }

    /// Stops the proxy and waits for it: closing its standard input ends it (a child of the test process may inherit
    /// a mask that blocks SIGTERM); SIGKILL by its PID if it is still there a second later.
    func stop() {
        try? input.fileHandleForWriting.close()
        for _ in 0..<20 where process.isRunning { usleep(50_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    struct ProxyError: Error, CustomStringConvertible {
        let message: String
        var description: String { message }
    }
}
