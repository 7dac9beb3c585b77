import Foundation
import HTTPTypes
import Testing

@Suite("Message search endpoint")
struct MessageSearchEndpointTests {
    /// `/messages/search` with these query parameters, each percent-encoded whole (`+`, `&` and `%` included).
    func searchPath(_ parameters: [(String, String)]) -> String {
        var allowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        allowed.insert(charactersIn: "-._~")
        let query = parameters.map { name, value in
            "\(name)=\(value.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")"
        }
        return "/messages/search?" + query.joined(separator: "&")
    }

    /// The contents of one search page, in the order answered.
    func contents(_ response: APIResponse) -> [String?] {
        (response.object["items"] as? [[String: Any]] ?? []).map { $0["content"] as? String }
    }

    /// Alice and Bob in a group; returns their accounts and the chat id.
    func team(_ api: API) async throws -> (Account, Account, String) {
        let alice = try await api.account("alice"), bob = try await api.account("bob")
        let chat = try await api.send(.post, "/chats", json: ["name": "Team", "participantIds": [bob.id]], token: alice.token)
        return (alice, bob, try #require(chat.object["id"] as? String))
    }

    @discardableResult
    func post(_ api: API, _ chat: String, _ content: String, as account: Account) async throws -> String {
        let sent = try await api.send(.post, "/chats/\(chat)/messages", json: ["content": content], token: account.token)
        #expect(sent.status == .created, "\(sent.text)")
        return try #require(sent.object["id"] as? String)
    }

    @Test func findsCyrillicAndLatinWordsAndPrefixesNewestFirst() async throws {
        try await withServer { api in
            let (alice, bob, chat) = try await team(api)
            try await post(api, chat, "Привет, мир", as: alice)
            try await post(api, chat, "hello world", as: bob)
            try await post(api, chat, "Hello there, мирный", as: alice)
            try await post(api, chat, "nothing to see", as: bob)

            let privet = try await api.send(.get, searchPath([("q", "привет")]), token: bob.token)
            #expect(privet.status == .ok)
            #expect(contents(privet) == ["Привет, мир"])
            #expect(privet.object["nextCursor"] is NSNull)
            let item = try #require((privet.object["items"] as? [[String: Any]])?.first)
            #expect(item["chatId"] as? String == chat)
            #expect(item["seq"] as? Int == 1)
            #expect(item["senderId"] as? String == alice.id)
            #expect(item["isDeleted"] as? Bool == false)
            #expect(item["reactions"] as? [Any] != nil)
            #expect(item["myReactions"] as? [String] == [])

            #expect(contents(try await api.send(.get, searchPath([("q", "МИР")]), token: bob.token)) == ["Hello there, мирный", "Привет, мир"])
            #expect(contents(try await api.send(.get, searchPath([("q", "hel")]), token: alice.token)) == ["Hello there, мирный", "hello world"])
            #expect(contents(try await api.send(.get, searchPath([("q", "Hello World")]), token: alice.token)) == ["hello world"])
            #expect(contents(try await api.send(.get, searchPath([("q", "ello")]), token: alice.token)) == [])
            #expect(contents(try await api.send(.get, searchPath([("q", "see"), ("chatId", chat)]), token: alice.token)) == ["nothing to see"])
        }
    }

    @Test func resultsCarryReactionsAndTheCallersOwn() async throws {
        try await withServer { api in
            let (alice, bob, chat) = try await team(api)
            let id = try await post(api, chat, "ship it", as: alice)
            let reacted = try await api.send(.put, "/chats/\(chat)/messages/\(id)/reactions/%F0%9F%91%8D", token: bob.token)
            #expect(reacted.status == .ok)
            func first(_ account: Account) async throws -> [String: Any]? {
                (try await api.send(.get, searchPath([("q", "ship")]), token: account.token).object["items"] as? [[String: Any]])?.first
            }
            let seenByBob = try await first(bob), seenByAlice = try await first(alice)
            #expect((seenByBob?["reactions"] as? [[String: Any]])?.first?["count"] as? Int == 1)
            #expect(seenByBob?["myReactions"] as? [String] == ["\u{1F44D}"])
            #expect(seenByAlice?["myReactions"] as? [String] == [])
        }
    }

    @Test func editsAndDeletesChangeWhatIsFound() async throws {
        try await withServer { api in
            let (alice, bob, chat) = try await team(api)
            let draft = try await post(api, chat, "draft agenda", as: alice)
            let items = try await post(api, chat, "agenda items", as: bob)
            let edited = try await api.send(.patch, "/chats/\(chat)/messages/\(draft)", json: ["content": "final schedule"], token: alice.token)
            #expect(edited.status == .ok)
            #expect(contents(try await api.send(.get, searchPath([("q", "draft")]), token: bob.token)) == [])
            let schedule = try await api.send(.get, searchPath([("q", "schedule")]), token: bob.token)
            #expect(contents(schedule) == ["final schedule"])
            #expect((schedule.object["items"] as? [[String: Any]])?.first?["isEdited"] as? Bool == true)
            #expect(contents(try await api.send(.get, searchPath([("q", "agenda")]), token: bob.token)) == ["agenda items"])
            #expect(try await api.send(.delete, "/chats/\(chat)/messages/\(items)", token: bob.token).status == .ok)
            #expect(contents(try await api.send(.get, searchPath([("q", "agenda")]), token: alice.token)) == [])
            #expect(contents(try await api.send(.get, searchPath([("q", "items")]), token: alice.token)) == [])
        }
    }

    @Test func nobodySeesMessagesOfChatsTheyAreNotInNow() async throws {
        try await withServer { api in
            let (alice, bob, chat) = try await team(api)
            let eve = try await api.account("eve")
            let secret = try await api.send(.post, "/chats/private", json: ["userId": eve.id], token: alice.token)
            let secretChat = try #require(secret.object["id"] as? String)
            try await post(api, chat, "quarterly numbers", as: alice)
            try await post(api, secretChat, "quarterly surprise", as: eve)

            #expect(contents(try await api.send(.get, searchPath([("q", "quarterly")]), token: alice.token)) == ["quarterly surprise", "quarterly numbers"])
            #expect(contents(try await api.send(.get, searchPath([("q", "quarterly")]), token: bob.token)) == ["quarterly numbers"])
            #expect(contents(try await api.send(.get, searchPath([("q", "quarterly")]), token: eve.token)) == ["quarterly surprise"])

            let foreign = try await api.send(.get, searchPath([("q", "quarterly"), ("chatId", chat)]), token: eve.token)
            #expect(foreign.status == .forbidden)
            #expect(foreign.errorCode == "FORBIDDEN")
            let missing = try await api.send(.get, searchPath([("q", "quarterly"), ("chatId", UUID().uuidString)]), token: eve.token)
            #expect(missing.status == .notFound)
            #expect(missing.errorCode == "NOT_FOUND")

            let left = try await api.send(.delete, "/chats/\(chat)/participants/\(bob.id)", token: bob.token)
            #expect(left.status == .ok || left.status == .noContent)
            #expect(contents(try await api.send(.get, searchPath([("q", "quarterly")]), token: bob.token)) == [])
            #expect(try await api.send(.get, searchPath([("q", "quarterly"), ("chatId", chat)]), token: bob.token).status == .forbidden)
        }
    }

    @Test func pagesWithTheCursorUntilItIsNull() async throws {
        try await withServer { api in
            let (alice, bob, chat) = try await team(api)
            for index in 1...5 { try await post(api, chat, "report \(index)", as: index.isMultiple(of: 2) ? bob : alice) }
            var seen: [String?] = []
            var cursor: String?
            var pages = 0
            repeat {
                var parameters = [("q", "report"), ("limit", "2")]
                if let cursor { parameters.append(("cursor", cursor)) }
                let page = try await api.send(.get, searchPath(parameters), token: bob.token)
                #expect(page.status == .ok)
                seen += contents(page)
                cursor = page.object["nextCursor"] as? String
                pages += 1
            } while cursor != nil && pages < 10
            #expect(seen == ["report 5", "report 4", "report 3", "report 2", "report 1"])
            #expect(pages == 3)
            let whole = try await api.send(.get, searchPath([("q", "report")]), token: bob.token)
            #expect(contents(whole).count == 5)
            #expect(whole.object["nextCursor"] is NSNull)
        }
    }

    @Test func badParametersAnswer400WithTheErrorBody() async throws {
        try await withServer { api in
            let (alice, _, _) = try await team(api)
            let bad: [[(String, String)]] = [
                [], [("q", "")], [("q", "   ")], [("q", String(repeating: "a", count: 201))],
                [("q", "hi"), ("limit", "0")], [("q", "hi"), ("limit", "51")], [("q", "hi"), ("limit", "ten")],
                [("q", "hi"), ("chatId", "not-a-uuid")], [("q", "hi"), ("cursor", "not a cursor")],
            ]
            for parameters in bad {
                let response = try await api.send(.get, searchPath(parameters), token: alice.token)
                #expect(response.status == .badRequest, "\(parameters): \(response.text)")
                let error = response.object["error"] as? [String: Any]
                #expect(error?["code"] as? String == "VALIDATION_FAILED")
                #expect(error?["message"] is String)
            }
            #expect(try await api.send(.get, searchPath([("q", "hi"), ("limit", "50")]), token: alice.token).status == .ok)
            #expect(try await api.send(.get, searchPath([("q", String(repeating: "é", count: 200))]), token: alice.token).status == .ok)
            #expect(try await api.send(.get, searchPath([("q", "hi")])).status == .unauthorized)
        }
    }

    @Test func answersHaveTheDocumentedShapes() async throws {
        try await withServer { api in
            let schemas = SchemaConformance(document: try await api.send(.get, "/openapi.json").object)
            let (alice, bob, chat) = try await team(api)
            let eve = try await api.account("eve")
            try await post(api, chat, "Привет, мир", as: alice)
            try await post(api, chat, "привет снова", as: bob)
            let answers = [
                try await api.send(.get, searchPath([("q", "привет"), ("limit", "1")]), token: alice.token),
                try await api.send(.get, searchPath([("q", "привет"), ("chatId", chat)]), token: alice.token),
                try await api.send(.get, searchPath([("q", "")]), token: alice.token),
                try await api.send(.get, searchPath([("q", "привет")])),
                try await api.send(.get, searchPath([("q", "привет"), ("chatId", chat)]), token: eve.token),
                try await api.send(.get, searchPath([("q", "привет"), ("chatId", UUID().uuidString)]), token: eve.token),
            ]
            #expect(answers.map(\.status.code) == [200, 200, 400, 401, 403, 404])
            for response in answers {
                #expect(
                    schemas.problems(response.json, method: "GET", path: "/messages/search", status: Int(response.status.code)) == [],
                    "\(response.text)")
            }
        }
    }

    @Test func queryOperatorsAndWildcardsAreJustText() async throws {
        try await withServer { api in
            let (alice, bob, chat) = try await team(api)
            try await post(api, chat, "alpha OR beta", as: alice)
            try await post(api, chat, "gamma \"quoted\" a:b", as: bob)
            let hostile = [
                "\"", "*", "OR", "NEAR(", "a:*", "!", "\\", "'", "alpha OR gamma", "NOT alpha", "-alpha", "alpha*", "(alpha",
                "alpha) OR (gamma", "a & b | c", "!alpha", "alpha:*", "content:alpha", "^alpha", "%", "_", "%%", "+", "--",
                "';DROP TABLE messages;--", "\"\"*", "NEAR(alpha gamma, 10)", "\u{1F600}", "\u{0}",
                String(repeating: "(", count: 200), String(repeating: "a*", count: 100),
                String(repeating: "\u{1F600}", count: 200),
            ]
            for query in hostile {
                let response = try await api.send(.get, searchPath([("q", query)]), token: alice.token)
                #expect(response.status == .ok, "\(query): \(response.text)")
                #expect(response.object["items"] is [Any])
            }
            #expect(contents(try await api.send(.get, searchPath([("q", "alpha OR gamma")]), token: alice.token)) == [])
            #expect(contents(try await api.send(.get, searchPath([("q", "\"quoted\"")]), token: alice.token)) == ["gamma \"quoted\" a:b"])
            #expect(contents(try await api.send(.get, searchPath([("q", "-alpha*")]), token: alice.token)) == ["alpha OR beta"])
            #expect(contents(try await api.send(.get, searchPath([("q", "*")]), token: alice.token)) == [])
        }
    }
}
