import Foundation
import Testing

/// `message:react` / `message:unreact` and the `message:reaction` broadcast, spoken over Engine.IO polling by hand.
@Suite("Reactions over Socket.IO")
struct ReactionSocketTests {
    /// A group of `alice` and `others` with one message of Alice's; returns the chat id and the message id.
    func group(_ api: API, _ alice: Account, _ others: [Account]) async throws -> (chat: String, message: String) {
        let chat = try await api.send(.post, "/chats", json: ["name": "Team", "participantIds": others.map(\.id)], token: alice.token)
        let chatID = try #require(chat.object["id"] as? String)
        let sent = try await api.send(.post, "/chats/\(chatID)/messages", json: ["content": "lunch?"], token: alice.token)
        return (chatID, try #require(sent.object["id"] as? String))
    }

    @Test func reactingOverTheSocketAcksLikeRESTAndEveryChangeIsBroadcast() async throws {
        try await withServer { api in
            let alice = try await api.account("alice"), bob = try await api.account("bob")
            let (chat, message) = try await group(api, alice, [bob])
            let alicesSocket = try await PollingSocket.connect(api, token: alice.token)
            let bobsSocket = try await PollingSocket.connect(api, token: bob.token)
            #expect(try await alicesSocket.call("join_chat", ["chatId": chat], id: 1)["ok"] as? Bool == true)
            #expect(try await bobsSocket.call("join_chat", ["chatId": chat], id: 1)["ok"] as? Bool == true)
            let target: [String: Any] = ["chatId": chat, "messageId": message]

            let ack = try await alicesSocket.call("message:react", target.merging(["emoji": "👍"]) { $1 }, id: 2)
            #expect(ack["chatId"] as? String == chat && ack["messageId"] as? String == message)
            #expect(reactionCounts(ack) == ["👍 1"])
            #expect(ack["myReactions"] as? [String] == ["👍"])
            let heard = try #require(try await bobsSocket.events("message:reaction").first)
            #expect(heard["chatId"] as? String == chat && heard["messageId"] as? String == message)
            #expect(heard["userId"] as? String == alice.id && heard["emoji"] as? String == "👍")
            #expect(heard["added"] as? Bool == true)
            #expect(reactionCounts(heard) == ["👍 1"])
            #expect(heard["myReactions"] == nil, "broadcasts carry only reactions")

            // A change over REST is broadcast the same way.
            let rest = try await api.send(.put, "/chats/\(chat)/messages/\(message)/reactions/%F0%9F%8E%89", token: bob.token)
            #expect(rest.status == .ok)
            let fromREST = try #require(try await bobsSocket.events("message:reaction").first)
            #expect(fromREST["userId"] as? String == bob.id && fromREST["emoji"] as? String == "🎉")
            #expect(reactionCounts(fromREST) == ["👍 1", "🎉 1"])

            let undo = try await alicesSocket.call("message:unreact", target.merging(["emoji": "👍"]) { $1 }, id: 3)
            #expect(reactionCounts(undo) == ["🎉 1"])
            #expect(undo["myReactions"] as? [String] == [])
            let again = try await alicesSocket.call("message:unreact", target.merging(["emoji": "👍"]) { $1 }, id: 4)
            #expect(reactionCounts(again) == ["🎉 1"], "removing twice is harmless")
            let removal = try await bobsSocket.events("message:reaction")
            #expect(removal.first?["added"] as? Bool == false && removal.first?["userId"] as? String == alice.id)
            #expect(reactionCounts(removal.first) == ["🎉 1"])

            // The second unreact changed nothing and was not broadcast: the next event Bob hears is the next change.
            _ = try await alicesSocket.call("message:react", target.merging(["emoji": "🔥"]) { $1 }, id: 5)
            let heardSince = removal + (try await bobsSocket.events("message:reaction"))
            #expect(heardSince.map { "\($0["emoji"] as? String ?? "?") \($0["added"] as? Bool ?? false)" } == ["👍 false", "🔥 true"])
            try await alicesSocket.close()
            try await bobsSocket.close()
        }
    }

    @Test func refusalsAreAckedWithTheErrorBody() async throws {
        try await withServer { api in
            let alice = try await api.account("alice"), bob = try await api.account("bob"), eve = try await api.account("eve")
            let (chat, message) = try await group(api, alice, [bob])
            let socket = try await PollingSocket.connect(api, token: alice.token)
            let strangersSocket = try await PollingSocket.connect(api, token: eve.token)
            func code(_ ack: [String: Any]) -> String? { (ack["error"] as? [String: Any])?["code"] as? String }
            let target: [String: Any] = ["chatId": chat, "messageId": message]
            for (id, emoji) in ["a b", String(repeating: "👍", count: 9), "", "tab\t"].enumerated() {
                let ack = try await socket.call("message:react", target.merging(["emoji": emoji]) { $1 }, id: 10 + id)
                #expect(code(ack) == "VALIDATION_FAILED", "\(emoji): \(ack)")
            }
            #expect(code(try await socket.call("message:react", target, id: 20)) == "VALIDATION_FAILED")
            #expect(
                code(try await strangersSocket.call("message:react", target.merging(["emoji": "👍"]) { $1 }, id: 1))
                    == "FORBIDDEN")
            #expect(
                code(
                    try await socket.call(
                        "message:react", ["chatId": chat, "messageId": UUID().uuidString, "emoji": "👍"], id: 21))
                    == "NOT_FOUND")
            _ = try await api.send(.delete, "/chats/\(chat)/messages/\(message)", token: alice.token)
            #expect(code(try await socket.call("message:react", target.merging(["emoji": "👍"]) { $1 }, id: 22)) == "CONFLICT")
            #expect(code(try await socket.call("message:unreact", target.merging(["emoji": "👍"]) { $1 }, id: 23)) == "CONFLICT")
            try await socket.close()
            try await strangersSocket.close()
        }
    }

    /// Six members react twice each from their own sockets at once: the summary counts every reaction once, and a
    /// watching member hears every change, in commit order, so the last `reactions` heard is the stored summary.
    @Test func concurrentReactionsOverSocketsKeepTheSummaryExactAndTheLastBroadcastTrue() async throws {
        try await withServer { api in
            let alice = try await api.account("alice")
            var members: [Account] = []
            for index in 0..<6 { members.append(try await api.account("member\(index)")) }
            let (chat, message) = try await group(api, alice, members)
            let watcher = try await PollingSocket.connect(api, token: alice.token)
            #expect(try await watcher.call("join_chat", ["chatId": chat], id: 1)["ok"] as? Bool == true)
            var sockets: [PollingSocket] = []
            for member in members { sockets.append(try await PollingSocket.connect(api, token: member.token)) }

            // Each member's own reactions, as the ack of their second reaction tells them.
            let mine = try await withThrowingTaskGroup(of: [String].self) { group in
                for socket in sockets {
                    group.addTask {
                        _ = try await socket.call("message:react", ["chatId": chat, "messageId": message, "emoji": "👍"], id: 1)
                        let second = try await socket.call(
                            "message:react", ["chatId": chat, "messageId": message, "emoji": "🚀"], id: 2)
                        return second["myReactions"] as? [String] ?? []
                    }
                }
                return try await group.reduce(into: [[String]]()) { $0.append($1) }
            }
            #expect(mine == Array(repeating: ["👍", "🚀"], count: 6))

            let stored = try await api.send(.get, "/chats/\(chat)/messages/\(message)", token: alice.token)
            #expect(reactionCounts(stored.object) == ["👍 6", "🚀 6"] || reactionCounts(stored.object) == ["🚀 6", "👍 6"])
            let heard = try await watcher.events("message:reaction", count: 12, polls: 30)
            #expect(heard.count == 12)
            #expect(reactionCounts(heard.last) == reactionCounts(stored.object), "the last broadcast is the summary")
            let totals = heard.map { reactionCounts($0).compactMap { Int($0.split(separator: " ").last ?? "") }.reduce(0, +) }
            #expect(totals == Array(1...12), "each broadcast counts one more reaction than the one before")
            for socket in sockets { try await socket.close() }
            try await watcher.close()
        }
    }
}
