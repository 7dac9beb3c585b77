import ChatDomain
import ChatServer
import EmbeddedChat
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import MetricsTestKit
import Testing

/// The host application serves its own route and the chat under `/api`, over the chat's SQLite and local files
/// in a temporary folder, with the chat's authentication or with the host's.
@Suite struct EmbeddedChatTests {
    /// A configuration keeping everything in a new temporary folder.
    func configuration() throws -> (AppConfiguration, URL) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("embedded-chat-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var configuration = AppConfiguration(jwtSecret: "embedded-chat-tests-secret-0123456789abcdef")
        configuration.database = .sqlite(path: folder.appendingPathComponent("chat.sqlite").path)
        configuration.storage = .local(directory: folder.appendingPathComponent("files").path)
        configuration.port = 0
        configuration.bcryptCost = 4
        return (configuration, folder)
    }

    func json(_ response: TestResponse) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
    }

    func body(_ object: [String: Any]) throws -> ByteBuffer {
        ByteBuffer(data: try JSONSerialization.data(withJSONObject: object))
    }

    @Test func theChatServesUnderApiBesideTheHostsOwnRouteWithItsOwnSignIn() async throws {
        let (configuration, folder) = try configuration()
        defer { try? FileManager.default.removeItem(at: folder) }
        let logger = Logger(label: "test")
        let metrics = TestMetrics()
        let app = await buildHostApplication(
            configuration, adapters: try await .open(configuration, logger: logger), metrics: metrics, logger: logger)
        try await app.test(.live) { client in
            let hello = try await client.execute(uri: "/hello", method: .get)
            #expect(String(buffer: hello.body) == "Hello from the host application\n")
            let health = try await client.execute(uri: "/api/health", method: .get)
            #expect(health.status == .ok)
            #expect(try json(health)["status"] as? String == "ok")
            #expect(try await client.execute(uri: "/health", method: .get).status == .notFound)

            let json: HTTPFields = [.contentType: "application/json"]
            let signUp = try await client.execute(
                uri: "/api/auth/signup", method: .post, headers: json,
                body: body(["email": "ada@example.com", "password": "correct horse battery", "name": "Ada", "username": "ada"]))
            #expect(signUp.status == .created)
            let login = try await client.execute(
                uri: "/api/auth/login", method: .post, headers: json,
                body: body(["email": "ada@example.com", "password": "correct horse battery", "deviceType": "WEB"]))
            let token = try #require(try self.json(login)["accessToken"] as? String)
            var signedIn = json
            signedIn[.authorization] = "Bearer \(token)"
            let chat = try await client.execute(
                uri: "/api/chats", method: .post, headers: signedIn, body: body(["name": "notes", "participantIds": []]))
            #expect(chat.status == .created)
            let chatID = try #require(try self.json(chat)["id"] as? String)
            let sent = try await client.execute(
                uri: "/api/chats/\(chatID)/messages", method: .post, headers: signedIn, body: body(["content": "first note"]))
            #expect(sent.status == .created)
            let history = try await client.execute(uri: "/api/chats/\(chatID)/messages", method: .get, headers: signedIn)
            let items = try #require(try self.json(history)["items"] as? [[String: Any]])
            #expect(items.map { $0["content"] as? String } == ["first note"])
            #expect(try await client.execute(uri: "/api/chats", method: .get).status == .unauthorized)
            // Counted in the host's metrics.
            #expect(try metrics.expectCounter("chat_messages_sent_total").totalValue == 1)
            let created = try metrics.expectCounter(
                "http_requests_total", [("method", "POST"), ("route", "/api/chats/{chatId}/messages"), ("status", "201")])
            #expect(created.totalValue == 1)

            // Socket.IO at /socket.io/: an Engine.IO handshake over long-polling opens a session.
            let open = try await client.execute(uri: "/socket.io/?EIO=4&transport=polling", method: .get)
            #expect(open.status == .ok)
            #expect(String(buffer: open.body).hasPrefix("0{\"sid\":"))
        }
    }

    /// The host's sign-in: a header its own gateway would set once it has checked the caller.
    struct HostHeaderAuthenticator: ChatAuthenticator {
        func user(presenting credentials: ChatCredentials) async throws -> UserID? {
            guard let field = HTTPField.Name("X-Host-User"), let value = credentials.headers[field] else { return nil }
            return UserID(value)
        }
    }

    @Test func theHostsOwnAuthenticationReplacesTheChats() async throws {
        let (configuration, folder) = try configuration()
        defer { try? FileManager.default.removeItem(at: folder) }
        let logger = Logger(label: "test")
        let adapters = try await ChatAdapters.open(configuration, logger: logger)
        // The host creates its users in the chat through the use cases (here the same adapters, another module).
        let signUp = await ChatModule(configuration, adapters: adapters, logger: logger).useCases.signUp
        let grace = try await signUp(email: "grace@example.com", password: "a host-managed password", name: "Grace", username: "grace")
        let app = await buildHostApplication(
            configuration, adapters: adapters, authentication: .host(HostHeaderAuthenticator()), logger: logger)
        try await app.test(.live) { client in
            let asGrace: HTTPFields = [HTTPField.Name("X-Host-User")!: grace.id.description, .contentType: "application/json"]
            let me = try await client.execute(uri: "/api/users/me", method: .get, headers: asGrace)
            #expect(me.status == .ok)
            #expect(try json(me)["username"] as? String == "grace")
            let chat = try await client.execute(
                uri: "/api/chats", method: .post, headers: asGrace, body: body(["name": "host-signed", "participantIds": []]))
            #expect(chat.status == .created)
            #expect(try await client.execute(uri: "/api/users/me", method: .get).status == .unauthorized)
            // The chat's own sign-in is not served: the host owns it.
            let login = try await client.execute(
                uri: "/api/auth/login", method: .post, headers: [.contentType: "application/json"],
                body: body(["email": "grace@example.com", "password": "a host-managed password", "deviceType": "WEB"]))
            #expect(login.status == .notFound)

            // Socket.IO asks the same authenticator, with the headers that opened the Engine.IO session.
            let port = try #require(client.port)
            #expect(try await connect(port: port, headers: asGrace).hasPrefix("40{\"sid\":"))
            #expect(try await connect(port: port, headers: [:]).hasPrefix("44{\"message\":\"unauthorized\""))
        }
    }

    /// Opens an Engine.IO session over long-polling with `headers`, sends a Socket.IO CONNECT to `/` and returns
    /// the server's answer: `40{"sid":…}` when let in, `44{…}` when refused. A connection of its own: the server
    /// closes a polling GET's connection after answering.
    func connect(port: Int, headers: HTTPFields) async throws -> String {
        let client = TestClient(host: "127.0.0.1", port: port)
        client.connect()
        do {
            let open = try await client.execute(.init("/socket.io/?EIO=4&transport=polling", method: .get, headers: headers))
            let handshake = open.body.map { String(buffer: $0) } ?? ""
            let fields = try JSONSerialization.jsonObject(with: Data(handshake.dropFirst().utf8)) as? [String: Any]
            let path = "/socket.io/?EIO=4&transport=polling&sid=\(try #require(fields?["sid"] as? String))"
            let sent = try await client.execute(
                .init(path, method: .post, headers: [.contentType: "text/plain"], body: ByteBuffer(string: "40")))
            #expect(sent.status == .ok)
            let answer = try await client.execute(.init(path, method: .get)).body.map { String(buffer: $0) }
            try await client.shutdown()
            return answer ?? ""
        } catch {
            try? await client.shutdown()
            throw error
        }
    }
}
