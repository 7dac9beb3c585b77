import Foundation
import HTTPTypes
import Testing

@testable import ChatServer

/// The limits beyond login, as a client meets them: 429 with `Retry-After` and `RATE_LIMITED` on REST, the
/// `RATE_LIMITED` error ack on Socket.IO, and nothing at all when a limit is 0.
@Suite("Rate limits")
struct RateLimitEndpointTests {
    @Test func signupsPerAddressAreLimitedWithRetryAfter() async throws {
        try await withServer(configure: { $0.signupRatePerIP = 2 }) { api in
            _ = try await api.account("alice")
            _ = try await api.account("bob")
            let refused = try await api.send(
                .post, "/auth/signup", json: ["email": "carol@example.com", "password": "correct horse", "name": "Carol"])
            #expect(refused.status == .tooManyRequests)
            #expect(refused.errorCode == "RATE_LIMITED")
            #expect((Int(refused.headers[.retryAfter] ?? "") ?? 0) > 0)
            let schemas = SchemaConformance(document: try await api.send(.get, "/openapi.json").object)
            #expect(schemas.problems(refused.json, method: "POST", path: "/auth/signup", status: 429) == [])
        }
    }

    @Test func messagesPerUserAreLimitedOverRESTAndTheSocketTogether() async throws {
        try await withServer(configure: { $0.messageRatePerUser = 2 }) { api in
            let alice = try await api.account("alice")
            let bob = try await api.account("bob")
            let chat = try await api.send(.post, "/chats", json: ["name": "Team", "participantIds": [bob.id]], token: alice.token)
            let chatID = try #require(chat.object["id"] as? String)
            let path = "/chats/\(chatID)/messages"
            #expect(try await api.send(.post, path, json: ["content": "one"], token: alice.token).status == .created)
            let socket = try await PollingSocket.connect(api, token: alice.token)
            let second = try await socket.call("message:send", ["chatId": chatID, "content": "two"], id: 1)
            #expect(second["seq"] as? Int == 2)

            let refusedOnREST = try await api.send(.post, path, json: ["content": "three"], token: alice.token)
            #expect(refusedOnREST.status == .tooManyRequests)
            #expect(refusedOnREST.errorCode == "RATE_LIMITED")
            #expect((Int(refusedOnREST.headers[.retryAfter] ?? "") ?? 0) > 0)
            let schemas = SchemaConformance(document: try await api.send(.get, "/openapi.json").object)
            #expect(schemas.problems(refusedOnREST.json, method: "POST", path: "/chats/{chatId}/messages", status: 429) == [])
            let refusedOnSocket = try await socket.call("message:send", ["chatId": chatID, "content": "three"], id: 2)
            #expect((refusedOnSocket["error"] as? [String: Any])?["code"] as? String == "RATE_LIMITED")
            #expect(((refusedOnSocket["error"] as? [String: Any])?["message"] as? String)?.isEmpty == false)

            #expect(try await api.send(.post, path, json: ["content": "bob's"], token: bob.token).status == .created)
            let history = try await api.send(.get, path, token: bob.token)
            #expect((history.object["items"] as? [[String: Any]])?.compactMap { $0["content"] as? String } == ["one", "two", "bob's"])
            try await socket.close()
        }
    }

    @Test func typingPerUserIsLimitedOnTheSocket() async throws {
        try await withServer(configure: { $0.typingRatePerUser = 2 }) { api in
            let alice = try await api.account("alice")
            let chat = try await api.send(.post, "/chats", json: ["name": "Solo", "participantIds": [String]()], token: alice.token)
            let chatID = try #require(chat.object["id"] as? String)
            let socket = try await PollingSocket.connect(api, token: alice.token)
            #expect(try await socket.call("message:typing", ["chatId": chatID], id: 1)["ok"] as? Bool == true)
            #expect(try await socket.call("message:stop_typing", ["chatId": chatID], id: 2)["ok"] as? Bool == true)
            let refused = try await socket.call("message:typing", ["chatId": chatID], id: 3)
            #expect((refused["error"] as? [String: Any])?["code"] as? String == "RATE_LIMITED")
            try await socket.close()
        }
    }

    @Test func zeroTurnsTheLimitsOff() async throws {
        try await withServer(configure: {
            $0.signupRatePerIP = 0
            $0.messageRatePerUser = 0
            $0.typingRatePerUser = 0
        }) { api in
            for name in ["alice", "bob", "carol"] { _ = try await api.account(name) }
            let alice = try await api.login("alice")
            let chat = try await api.send(.post, "/chats", json: ["name": "Solo", "participantIds": [String]()], token: alice.token)
            let chatID = try #require(chat.object["id"] as? String)
            for index in 0..<5 {
                let sent = try await api.send(.post, "/chats/\(chatID)/messages", json: ["content": "\(index)"], token: alice.token)
                #expect(sent.status == .created)
            }
            let socket = try await PollingSocket.connect(api, token: alice.token)
            for id in 1...5 {
                #expect(try await socket.call("message:typing", ["chatId": chatID], id: id)["ok"] as? Bool == true)
            }
            try await socket.close()
        }
    }
}
