import Foundation
import HTTPTypes
import Testing

@Suite("Bad input gets a clear 4xx and changes nothing")
struct BadInputTests {
    @Test func malformedJSONIsA400WithTheErrorBody() async throws {
        try await withServer { api in
            let response = try await api.send(.post, "/auth/signup", raw: "{\"email\": ")
            #expect(response.status == .badRequest)
            #expect(response.errorCode == "VALIDATION_FAILED")
            #expect((response.object["error"] as? [String: Any])?["message"] as? String != nil)
        }
    }

    @Test func missingAndWrongTypedFieldsNameTheField() async throws {
        try await withServer { api in
            let missing = try await api.send(.post, "/auth/signup", json: ["email": "a@b.co", "name": "A"])
            #expect(missing.status == .badRequest)
            #expect(((missing.object["error"] as? [String: Any])?["details"] as? [String: Any])?["field"] as? String == "password")
            let wrongType = try await api.send(.post, "/auth/signup", json: ["email": "a@b.co", "name": "A", "password": 12_345_678])
            #expect(wrongType.status == .badRequest)
            #expect(((wrongType.object["error"] as? [String: Any])?["details"] as? [String: Any])?["field"] as? String == "password")
            let badEnum = try await api.send(.post, "/auth/login", json: ["email": "a@b.co", "password": "12345678", "deviceType": "TOASTER"])
            #expect(badEnum.status == .badRequest)
            let empty = try await api.send(.post, "/auth/login")
            #expect(empty.status == .badRequest)
        }
    }

    @Test func invalidFieldValuesAreRefused() async throws {
        try await withServer { api in
            for body: [String: Any] in [
                ["email": "not-an-email", "password": "12345678", "name": "A"],
                ["email": "a@b.co", "password": "short", "name": "A"],
                ["email": "a@b.co", "password": "12345678", "name": ""],
                ["email": "a@b.co", "password": "12345678", "name": "A", "username": "no spaces"],
            ] {
                let response = try await api.send(.post, "/auth/signup", json: body)
                #expect(response.status == .badRequest, "\(body)")
            }
            let alice = try await api.account("alice")
            let chat = try await api.send(.post, "/chats", json: ["name": "T", "participantIds": []], token: alice.token)
            let id = try #require(chat.object["id"] as? String)
            #expect(try await api.send(.post, "/chats/\(id)/messages", json: ["content": "   "], token: alice.token).status == .badRequest)
            #expect(try await api.send(.post, "/chats/\(id)/messages", json: ["content": 5], token: alice.token).status == .badRequest)
            #expect(try await api.send(.post, "/chats/not-a-uuid/messages", json: ["content": "x"], token: alice.token).status == .badRequest)
            let page = try await api.send(.get, "/chats/\(id)/messages", token: alice.token)
            #expect((page.object["items"] as? [[String: Any]])?.isEmpty == true)
        }
    }

    @Test func oversizedBodiesAre413AndTheServerStaysUp() async throws {
        try await withServer(configure: { $0.maxJSONBodyBytes = 4096 }) { api in
            let alice = try await api.account("alice")
            let chat = try await api.send(.post, "/chats", json: ["name": "T", "participantIds": []], token: alice.token)
            let id = try #require(chat.object["id"] as? String)
            let huge = String(repeating: "x", count: 10_000)
            let response = try await api.send(.post, "/chats/\(id)/messages", json: ["content": huge], token: alice.token)
            #expect(response.status == .contentTooLarge)
            #expect(response.errorCode == "PAYLOAD_TOO_LARGE")
            #expect(try await api.send(.get, "/health").status == .ok)
            let page = try await api.send(.get, "/chats/\(id)/messages", token: alice.token)
            #expect((page.object["items"] as? [[String: Any]])?.isEmpty == true)
        }
    }

    @Test func unknownRoutesAre404WithTheErrorBody() async throws {
        try await withServer { api in
            let response = try await api.send(.get, "/no/such/route")
            #expect(response.status == .notFound)
            #expect(response.errorCode == "NOT_FOUND")
        }
    }

    @Test func healthAndReadyAnswer() async throws {
        try await withServer { api in
            #expect(try await api.send(.get, "/health").object["status"] as? String == "ok")
            let ready = try await api.send(.get, "/ready")
            #expect(ready.status == .ok)
            #expect((ready.object["checks"] as? [String: String])?["database"] == "ok")
        }
    }

    @Test func corsAnswersAllowedOriginsOnly() async throws {
        try await withServer(configure: { $0.allowedOrigins = ["http://app.example"] }) { api in
            let allowed = try await api.send(.get, "/health", headers: [.origin: "http://app.example"])
            #expect(allowed.headers[.accessControlAllowOrigin] == "http://app.example")
            #expect(allowed.headers[.accessControlAllowCredentials] == "true")
            let other = try await api.send(.get, "/health", headers: [.origin: "http://evil.example"])
            #expect(other.headers[.accessControlAllowOrigin] == nil)
            let preflight = try await api.send(
                .options, "/chats", headers: [.origin: "http://app.example", .accessControlRequestMethod: "POST"])
            #expect(preflight.status == .noContent)
            #expect(preflight.headers[.accessControlAllowMethods]?.contains("POST") == true)
        }
    }
}
