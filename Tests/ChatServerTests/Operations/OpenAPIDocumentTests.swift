import Foundation
import HTTPTypes
import Logging
import ChatRealtime
import OpenAPIKit
import Testing

@testable import ChatServer

@Suite("OpenAPI document")
struct OpenAPIDocumentTests {
    @Test func servedAsAValidOpenAPI31Document() async throws {
        try await withServer { api in
            let response = try await api.send(.get, "/openapi.json")
            #expect(response.status == .ok)
            #expect(response.headers[.contentType]?.hasPrefix("application/json") == true)
            let document = try JSONDecoder().decode(OpenAPI.Document.self, from: Data(response.text.utf8))
            #expect(document.openAPIVersion.rawValue.hasPrefix("3.1."))
            try document.validate()
            #expect(document.components.securitySchemes["bearerAuth"]?.b?.type == .http(scheme: "bearer", bearerFormat: "JWT"))
            #expect(document.components.schemas["Error"] != nil)
        }
    }

    @Test func documentsExactlyTheRoutesTheRouterRegisters() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("chat-routes-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        var configuration = AppConfiguration(jwtSecret: "test-secret-0123456789-0123456789-abcdef")
        configuration.database = .sqlite(path: directory.appendingPathComponent("chat.sqlite").path)
        configuration.storage = .local(directory: directory.appendingPathComponent("files").path)
        let logger = Logger(label: "test")
        let module = await ChatModule(
            configuration, adapters: try await .open(configuration, logger: logger), io: SocketIOServer(), logger: logger)
        let router = buildRouter(configuration, module: module, metrics: ServerMetrics(connectedSockets: { 0 }))
        let registered = Set(
            router.routes.map { "\($0.method.rawValue) \($0.path)" }.filter { !$0.contains(" /socket.io") })

        let document = try JSONDecoder().decode(OpenAPI.Document.self, from: Data(PackageResources.openapi_json))
        let documented = Set(try document.locallyDereferenced().resolved().endpoints.map { "\($0.method.rawValue) \($0.path.rawValue)" })

        #expect(registered.count > 30)
        #expect(registered.subtracting(documented).sorted() == [], "registered but not documented")
        #expect(documented.subtracting(registered).sorted() == [], "documented but not registered")
    }

    @Test func realAnswersHaveTheDocumentedShapes() async throws {
        try await withServer { api in
            let served = try await api.send(.get, "/openapi.json")
            let schemas = SchemaConformance(document: served.object)
            func check(_ response: APIResponse, _ method: String, _ path: String) {
                #expect(
                    schemas.problems(response.json, method: method, path: path, status: Int(response.status.code)) == [],
                    "\(response.text)")
            }
            let signup = try await api.send(
                .post, "/auth/signup", json: ["email": "alice@example.com", "password": "correct horse", "name": "Alice"])
            check(signup, "POST", "/auth/signup")
            check(
                try await api.send(.post, "/auth/signup", json: ["email": "alice@example.com", "password": "correct horse", "name": "A"]),
                "POST", "/auth/signup")
            let login = try await api.send(
                .post, "/auth/login", json: ["email": "alice@example.com", "password": "correct horse", "deviceType": "MOBILE"])
            check(login, "POST", "/auth/login")
            let token = login.object["accessToken"] as? String ?? ""
            check(try await api.send(.get, "/users/me", token: token), "GET", "/users/me")
            check(try await api.send(.get, "/auth/sessions", token: token), "GET", "/auth/sessions")

            let bob = try await api.account("bob")
            let chat = try await api.send(.post, "/chats", json: ["name": "Team", "participantIds": [bob.id]], token: token)
            check(chat, "POST", "/chats")
            let chatPath = "/chats/\(chat.object["id"] as? String ?? "")"
            let message = try await api.send(.post, "\(chatPath)/messages", json: ["content": "hi"], token: bob.token)
            check(message, "POST", "/chats/{chatId}/messages")
            let messagePath = "\(chatPath)/messages/\(message.object["id"] as? String ?? "")"
            check(try await api.send(.post, "\(messagePath)/read", token: token), "POST", "/chats/{chatId}/messages/{messageId}/read")
            check(try await api.send(.get, "/chats", token: token), "GET", "/chats")
            check(try await api.send(.get, chatPath, token: token), "GET", "/chats/{chatId}")
            check(try await api.send(.get, "\(chatPath)/messages", token: token), "GET", "/chats/{chatId}/messages")
            check(try await api.send(.delete, messagePath, token: bob.token), "DELETE", "/chats/{chatId}/messages/{messageId}")
            check(try await api.send(.get, "/users/search?q=b", token: token), "GET", "/users/search")
            check(try await api.send(.get, "/users/\(UUID().uuidString)", token: token), "GET", "/users/{userId}")
            check(try await api.send(.get, "/users/me"), "GET", "/users/me")
            check(try await api.send(.get, "/ready"), "GET", "/ready")
        }
    }
}
