import ChatServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

/// A response as the tests read it: status, headers and the body parsed as JSON when it is JSON.
struct APIResponse {
    let status: HTTPResponse.Status
    let headers: HTTPFields
    let text: String
    var json: Any? { try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed]) }
    var object: [String: Any] { json as? [String: Any] ?? [:] }
    var array: [[String: Any]] { json as? [[String: Any]] ?? [] }
    /// `error.code` of an error body, or nil.
    var errorCode: String? { (object["error"] as? [String: Any])?["code"] as? String }
}

/// A client of the running server, speaking JSON with an optional bearer token.
struct API: Sendable {
    let client: any TestClientProtocol

    func send(
        _ method: HTTPRequest.Method, _ path: String, json: Any? = nil, raw: String? = nil, token: String? = nil,
        headers extra: HTTPFields = [:]
    ) async throws -> APIResponse {
        var headers = extra
        if let token { headers[.authorization] = "Bearer \(token)" }
        var body: ByteBuffer?
        if let json {
            body = ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: json))
            headers[.contentType] = "application/json"
        } else if let raw {
            body = ByteBuffer(string: raw)
            headers[.contentType] = "application/json"
        }
        let response = try await client.execute(uri: path, method: method, headers: headers, body: body)
        return APIResponse(status: response.status, headers: response.headers, text: String(buffer: response.body))
    }

    /// Signs a user up and logs them in on a MOBILE device; returns their id and tokens.
    func account(_ name: String, device: String = "MOBILE") async throws -> Account {
        let signup = try await send(
            .post, "/auth/signup",
            json: ["email": "\(name)@example.com", "password": "correct horse \(name)", "name": name.capitalized, "username": name])
        #expect(signup.status == .created, "signup of \(name): \(signup.text)")
        return try await login(name, device: device)
    }

    /// Logs an existing test user in on another device.
    func login(_ name: String, device: String = "MOBILE") async throws -> Account {
        let login = try await send(
            .post, "/auth/login", json: ["email": "\(name)@example.com", "password": "correct horse \(name)", "deviceType": device])
        #expect(login.status == .ok, "login of \(name): \(login.text)")
        let user = login.object["user"] as? [String: Any] ?? [:]
        return Account(
            id: user["id"] as? String ?? "", token: login.object["accessToken"] as? String ?? "",
            refreshToken: login.object["refreshToken"] as? String, sessionId: login.object["sessionId"] as? String ?? "",
            cookie: login.headers[.setCookie])
    }
}

/// A signed-in test user.
struct Account: Sendable {
    let id: String
    let token: String
    let refreshToken: String?
    let sessionId: String
    let cookie: String?
}

/// Starts the real server on a free port over a fresh SQLite file and runs `body` against it.
func withServer<T>(
    configure: (inout AppConfiguration) -> Void = { _ in }, _ body: @Sendable (API) async throws -> T
) async throws -> T {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("chat-test-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: directory) }
    var configuration = AppConfiguration(jwtSecret: "test-secret-0123456789-0123456789-abcdef")
    configuration.port = 0
    configuration.database = .sqlite(path: directory.appendingPathComponent("chat.sqlite").path)
    var scratch: TestPostgresDatabase?
    if TestPostgresDatabase.isSelected {
        let database = try await TestPostgresDatabase.create()
        try await migrateDatabase(configuration.with(database: .postgres(url: database.url)), logger: Logger(label: "test"))
        configuration.database = .postgres(url: database.url)
        scratch = database
    }
    configuration.storage = .local(directory: directory.appendingPathComponent("files").path)
    configuration.bcryptCost = 10
    configuration.logLevel = .warning
    configure(&configuration)
    do {
        let app = try await buildApplication(configuration)
        let result = try await app.test(.live) { client in try await body(API(client: client)) }
        try await scratch?.drop()
        return result
    } catch {
        try? await scratch?.drop()
        throw error
    }
}

extension AppConfiguration {
    /// This configuration on another database.
    func with(database: Database) -> AppConfiguration {
        var copy = self
        copy.database = database
        return copy
    }
}
