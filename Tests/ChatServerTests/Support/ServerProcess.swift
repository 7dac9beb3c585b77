import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

/// The `chat-server` executable of this build, run as its own process on 127.0.0.1 with the embedded default in
/// a folder of its own, for tests that signal or kill the whole process.
final class ServerProcess: @unchecked Sendable {
    // Unchecked: `Process` is not Sendable; after `init` it is only asked whether it runs and signalled.
    let port: Int
    let directory: URL
    private let process: Process

    /// Starts `chat-server` in `directory` (created when missing) with `environment` added to the essentials,
    /// and returns once `/health` answers. Throws when it does not within 60 s.
    init(directory: URL, environment: [String: String] = [:]) async throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        self.directory = directory
        port = Self.freePort()
        let process = Process()
        process.executableURL = Self.executable
        process.currentDirectoryURL = directory
        var variables = ProcessInfo.processInfo.environment
        variables.merge([
            "PORT": "\(port)", "HOST": "127.0.0.1", "JWT_SECRET": "test-secret-0123456789-0123456789-abcdef",
            "BCRYPT_COST": "10", "LOG_LEVEL": "warning", "LOGIN_RATE_PER_IP": "0", "DATABASE_URL": "sqlite:./data/chat.sqlite",
        ]) { _, new in new }
        variables.merge(environment) { _, new in new }
        process.environment = variables
        process.standardOutput = FileHandle.standardError
        process.standardError = FileHandle.standardError
        try process.run()
        self.process = process
        let clock = ContinuousClock()
        let deadline = clock.now + .seconds(60)
        while clock.now < deadline {
            if (try? await request(.get, "/health").status) == .ok { return }
            guard process.isRunning else { throw ServerProcessError.exited(process.terminationStatus) }
            try await Task.sleep(for: .milliseconds(100))
        }
        process.terminate()
        throw ServerProcessError.notReady
    }

    /// Sends `signal` (SIGTERM, SIGKILL…) to the server.
    func signal(_ signal: Int32) { kill(process.processIdentifier, signal) }

    /// The exit status once the process ended within `timeout`; nil (and the process killed) otherwise.
    func exitStatus(within timeout: Duration) async -> Int32? {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while process.isRunning && clock.now < deadline { try? await Task.sleep(for: .milliseconds(20)) }
        guard !process.isRunning else {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            return nil
        }
        return process.terminationStatus
    }

    /// One request on a connection of its own.
    func request(
        _ method: HTTPRequest.Method, _ path: String, json: [String: Any]? = nil, token: String? = nil,
        body: String? = nil, contentType: String? = nil
    ) async throws -> (status: HTTPResponse.Status, text: String) {
        let request = try Self.makeRequest(method, path, json: json, token: token, body: body, contentType: contentType)
        return try await TestClient.withClient(host: "127.0.0.1", port: port) { client in
            let response = try await client.execute(request)
            return (response.status, String(buffer: response.body ?? ByteBuffer()))
        }
    }

    /// One request on `client`'s connection.
    static func execute(
        _ client: TestClient, _ method: HTTPRequest.Method, _ path: String, json: [String: Any]? = nil,
        token: String? = nil, body: String? = nil, contentType: String? = nil
    ) async throws -> (status: HTTPResponse.Status, text: String) {
        let response = try await client.execute(makeRequest(method, path, json: json, token: token, body: body, contentType: contentType))
        return (response.status, String(buffer: response.body ?? ByteBuffer()))
    }

    private static func makeRequest(
        _ method: HTTPRequest.Method, _ path: String, json: [String: Any]?, token: String?, body: String?, contentType: String?
    ) throws -> TestClient.Request {
        var headers: HTTPFields = [:]
        if let token { headers[.authorization] = "Bearer \(token)" }
        var buffer: ByteBuffer?
        if let json {
            buffer = ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: json))
            headers[.contentType] = "application/json"
        } else if let body {
            buffer = ByteBuffer(string: body)
            headers[.contentType] = contentType ?? "text/plain;charset=UTF-8"
        }
        return TestClient.Request(path, method: method, headers: headers, body: buffer)
    }

    deinit {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }

    /// `chat-server` beside the test bundle: `swift build --build-tests` builds both into one folder.
    static var executable: URL {
        let bundleFolder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let beside = bundleFolder.appendingPathComponent("chat-server")
        if FileManager.default.isExecutableFile(atPath: beside.path) { return beside }
        return URL(fileURLWithPath: ".build/debug/chat-server")
    }

    private static func freePort() -> Int {
        let socket = Foundation.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, length) } }
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socket, $0, &length) }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

enum ServerProcessError: Error {
    case exited(Int32)
    case notReady
}
