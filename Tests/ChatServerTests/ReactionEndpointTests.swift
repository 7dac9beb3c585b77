import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

@Suite("Reaction endpoints")
struct ReactionEndpointTests {
    /// Alice (ADMIN) and Bob in a group with one message of Bob's; returns the accounts, the chat and the message path.
    func setUp(_ api: API) async throws -> (alice: Account, bob: Account, chat: String, message: String) {
        let alice = try await api.account("alice"), bob = try await api.account("bob")
        let chat = try await api.send(.post, "/chats", json: ["name": "Team", "participantIds": [bob.id]], token: alice.token)
        let chatID = try #require(chat.object["id"] as? String)
        let sent = try await api.send(.post, "/chats/\(chatID)/messages", json: ["content": "lunch?"], token: bob.token)
        return (alice, bob, chatID, "/chats/\(chatID)/messages/\(try #require(sent.object["id"] as? String))")
    }

    @Test func reactingIsIdempotentAndEveryMessageAnswerShowsTheReactions() async throws {
        try await withServer { api in
            let (alice, bob, chat, message) = try await setUp(api)
            let thumbs = "\(message)/reactions/%F0%9F%91%8D"  // 👍
            let added = try await api.send(.put, thumbs, token: alice.token)
            #expect(added.status == .ok)
            #expect(added.object["chatId"] as? String == chat)
            #expect(message.hasSuffix(added.object["messageId"] as? String ?? "-"))
            #expect(reactionCounts(added.object) == ["👍 1"])
            #expect(added.object["myReactions"] as? [String] == ["👍"])
            let again = try await api.send(.put, thumbs, token: alice.token)
            #expect(again.status == .ok)
            #expect(reactionCounts(again.object) == ["👍 1"])

            _ = try await api.send(.put, thumbs, token: bob.token)
            let heart = try await api.send(.put, "\(message)/reactions/%E2%9D%A4%EF%B8%8F", token: bob.token)  // ❤️
            #expect(reactionCounts(heart.object) == ["👍 2", "❤️ 1"])
            #expect(heart.object["myReactions"] as? [String] == ["👍", "❤️"])

            let page = try await api.send(.get, "/chats/\(chat)/messages", token: alice.token)
            let item = (page.object["items"] as? [[String: Any]])?.first
            #expect(reactionCounts(item) == ["👍 2", "❤️ 1"])
            #expect(item?["myReactions"] as? [String] == ["👍"])
            let one = try await api.send(.get, message, token: bob.token)
            #expect(reactionCounts(one.object) == ["👍 2", "❤️ 1"])
            #expect(one.object["myReactions"] as? [String] == ["👍", "❤️"])
            let list = try await api.send(.get, "/chats", token: alice.token)
            let last = list.array.first?["lastMessage"] as? [String: Any]
            #expect(reactionCounts(last) == ["👍 2", "❤️ 1"])
            #expect(last?["myReactions"] == nil, "a chat's lastMessage is the broadcast shape")

            let removed = try await api.send(.delete, thumbs, token: alice.token)
            #expect(removed.status == .ok)
            #expect(reactionCounts(removed.object) == ["👍 1", "❤️ 1"])
            #expect(removed.object["myReactions"] as? [String] == [])
            let absent = try await api.send(.delete, thumbs, token: alice.token)
            #expect(absent.status == .ok)
            #expect(reactionCounts(absent.object) == ["👍 1", "❤️ 1"])

            let fresh = try await api.send(.post, "/chats/\(chat)/messages", json: ["content": "new"], token: alice.token)
            #expect(fresh.object["reactions"] as? [Any] != nil && reactionCounts(fresh.object) == [])
            #expect(fresh.object["myReactions"] as? [String] == [])
        }
    }

    @Test func aBadEmojiIsRefused() async throws {
        try await withServer { api in
            let (alice, _, _, message) = try await setUp(api)
            let eightThumbs = String(repeating: "%F0%9F%91%8D", count: 8)  // 32 bytes
            #expect(try await api.send(.put, "\(message)/reactions/\(eightThumbs)", token: alice.token).status == .ok)
            #expect(try await api.send(.put, "\(message)/reactions/%2B1", token: alice.token).status == .ok)  // "+1"
            for bad in [
                eightThumbs + "a",  // 33 bytes
                "a%20b", "%E2%80%83",  // spaces, an em space
                "%0A", "%7F", "ok%00",  // control characters
                "%FF", "%E2%82",  // not UTF-8
                "%",  // a broken escape
            ] {
                let answer = try await api.send(.put, "\(message)/reactions/\(bad)", token: alice.token)
                #expect(answer.status == .badRequest, "\(bad): \(answer.text)")
                #expect(answer.errorCode == "VALIDATION_FAILED", "\(bad): \(answer.text)")
                #expect(try await api.send(.delete, "\(message)/reactions/\(bad)", token: alice.token).status == .badRequest)
            }
            let reactions = try await api.send(.get, message, token: alice.token)
            #expect(reactionCounts(reactions.object).count == 2)
        }
    }

    @Test func onlyMembersReactAndADeletedMessageTakesNoReactions() async throws {
        try await withServer { api in
            let (alice, bob, chat, message) = try await setUp(api)
            let eve = try await api.account("eve")
            let stranger = try await api.send(.put, "\(message)/reactions/ok", token: eve.token)
            #expect(stranger.status == .forbidden)
            #expect(stranger.errorCode == "FORBIDDEN")
            #expect(try await api.send(.delete, "\(message)/reactions/ok", token: eve.token).status == .forbidden)
            #expect(try await api.send(.put, "/chats/\(UUID())/messages/\(UUID())/reactions/ok", token: alice.token).status == .notFound)
            #expect(try await api.send(.put, "/chats/\(chat)/messages/\(UUID())/reactions/ok", token: alice.token).status == .notFound)
            #expect(try await api.send(.put, "/chats/\(chat)/messages/nope/reactions/ok", token: alice.token).status == .badRequest)
            #expect(try await api.send(.put, "\(message)/reactions/ok").status == .unauthorized)

            _ = try await api.send(.put, "\(message)/reactions/ok", token: bob.token)
            let tombstone = try await api.send(.delete, message, token: alice.token)
            #expect(reactionCounts(tombstone.object) == [])
            let late = try await api.send(.put, "\(message)/reactions/ok", token: bob.token)
            #expect(late.status == .conflict)
            #expect(late.errorCode == "CONFLICT")
            #expect(try await api.send(.delete, "\(message)/reactions/ok", token: bob.token).status == .conflict)
        }
    }

    @Test func answersHaveTheDocumentedShapes() async throws {
        try await withServer { api in
            let schemas = SchemaConformance(document: try await api.send(.get, "/openapi.json").object)
            let (alice, bob, chat, message) = try await setUp(api)
            let eve = try await api.account("eve")
            let path = "/chats/{chatId}/messages/{messageId}/reactions/{emoji}"
            func check(_ response: APIResponse, _ method: String, _ documented: String = path) {
                #expect(
                    schemas.problems(response.json, method: method, path: documented, status: Int(response.status.code)) == [],
                    "\(method) \(documented): \(response.text)")
            }
            check(try await api.send(.put, "\(message)/reactions/%F0%9F%91%8D", token: alice.token), "PUT")
            check(try await api.send(.put, "\(message)/reactions/a%20b", token: alice.token), "PUT")
            check(try await api.send(.put, "\(message)/reactions/ok", token: eve.token), "PUT")
            check(try await api.send(.delete, "\(message)/reactions/ok", token: bob.token), "DELETE")
            check(try await api.send(.delete, "/chats/\(chat)/messages/\(UUID())/reactions/ok", token: bob.token), "DELETE")
            check(try await api.send(.get, "/chats/\(chat)/messages", token: bob.token), "GET", "/chats/{chatId}/messages")
            check(try await api.send(.get, message, token: bob.token), "GET", "/chats/{chatId}/messages/{messageId}")
            check(try await api.send(.get, "/chats", token: bob.token), "GET", "/chats")
            _ = try await api.send(.delete, message, token: alice.token)
            check(try await api.send(.put, "\(message)/reactions/ok", token: bob.token), "PUT")
        }
    }

    /// Eight members each add three reactions at once, over connections of their own: every one is counted once.
    @Test func concurrentReactionsKeepTheSummaryExact() async throws {
        try await withServer { api in
            let alice = try await api.account("alice")
            var members: [Account] = []
            for index in 0..<7 { members.append(try await api.account("member\(index)")) }
            let chat = try await api.send(
                .post, "/chats", json: ["name": "Crowd", "participantIds": members.map(\.id)], token: alice.token)
            let chatID = try #require(chat.object["id"] as? String)
            let sent = try await api.send(.post, "/chats/\(chatID)/messages", json: ["content": "vote"], token: alice.token)
            let message = "/chats/\(chatID)/messages/\(try #require(sent.object["id"] as? String))"
            let port = try #require(api.client.port)
            let everyone = [alice] + members
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for account in everyone {
                    for emoji in ["%F0%9F%91%8D", "%F0%9F%8E%89", "yes"] {
                        group.addTask {
                            try await Self.put("\(message)/reactions/\(emoji)", token: account.token, port: port)
                        }
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.count == 24 && statuses.allSatisfy { $0 == .ok })
            let stored = try await api.send(.get, message, token: alice.token)
            #expect(Set(reactionCounts(stored.object)) == ["👍 8", "🎉 8", "yes 8"])
        }
    }

    /// A PUT over a connection of its own.
    static func put(_ path: String, token: String, port: Int) async throws -> HTTPResponse.Status {
        try await TestClient.withClient(host: "127.0.0.1", port: port) { client in
            try await client.execute(TestClient.Request(path, method: .put, headers: [.authorization: "Bearer \(token)"])).status
        }
    }
}

/// The `reactions` of a message view, a reactions answer or a `message:reaction` event, as `emoji count` texts.
func reactionCounts(_ object: [String: Any]?) -> [String] {
    ((object?["reactions"] as? [[String: Any]]) ?? []).map { "\($0["emoji"] as? String ?? "?") \($0["count"] as? Int ?? -1)" }
}
