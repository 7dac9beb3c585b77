import ChatDomain
import Foundation
import Testing

@Suite("MessageSearchIndex contract")
struct MessageSearchContract {
    /// The contents found for `query`, newest first, reading every page of `limit`.
    func found(
        _ repos: Repositories, _ query: String, for user: User, in chat: Chat? = nil, limit: Int = 50
    ) async throws -> [String?] {
        var contents: [String?] = []
        var cursor: String?
        repeat {
            let page = try await repos.search.search(
                try SearchTerms(query), for: user.id, in: chat?.id, after: cursor, limit: limit)
            contents += page.items.map(\.content)
            cursor = page.nextCursor
        } while cursor != nil
        return contents
    }

    @Test(arguments: repositoryFactories)
    func findsWholeWordsAndPrefixesCaseInsensitivelyInAnyScript(_ factory: any RepositoryFactory) async throws {
        try await withRepositories(factory) { repos in
            let users = try await repos.seedUsers("Alice", "Bob")
            let chat = try await repos.seedGroup("g", users)
            for (index, text) in ["Привет, мир", "hello world", "Hello, WORLDWIDE web", "мирный день", "nothing here"]
                .enumerated()
            {
                _ = try await repos.messages.append(Fixture.message(chat, from: users[index % 2], text, at: Int64(index)))
            }
            #expect(try await found(repos, "привет", for: users[0]) == ["Привет, мир"])
            #expect(try await found(repos, "ПРИВ", for: users[1]) == ["Привет, мир"])
            #expect(try await found(repos, "мир", for: users[0]) == ["мирный день", "Привет, мир"])
            #expect(try await found(repos, "world", for: users[0]) == ["Hello, WORLDWIDE web", "hello world"])
            #expect(try await found(repos, "HELLO world", for: users[0]) == ["Hello, WORLDWIDE web", "hello world"])
            #expect(try await found(repos, "hello worldwide", for: users[0]) == ["Hello, WORLDWIDE web"])
            // A word must start a word of the message: "orld" is inside one, never at its start.
            #expect(try await found(repos, "orld", for: users[0]) == [])
            #expect(try await found(repos, "hello привет", for: users[0]) == [])
        }
    }

    @Test(arguments: repositoryFactories)
    func onlyChatsTheUserIsAMemberOfNowAndOneChatWhenAsked(_ factory: any RepositoryFactory) async throws {
        try await withRepositories(factory) { repos in
            let users = try await repos.seedUsers("Alice", "Bob", "Carol")
            let team = try await repos.seedGroup("team", [users[0], users[1]])
            let other = try await repos.seedGroup("other", [users[0], users[2]])
            _ = try await repos.messages.append(Fixture.message(team, from: users[0], "launch plan", at: 1))
            _ = try await repos.messages.append(Fixture.message(other, from: users[2], "launch party", at: 2))
            #expect(try await found(repos, "launch", for: users[0]) == ["launch party", "launch plan"])
            #expect(try await found(repos, "launch", for: users[0], in: team) == ["launch plan"])
            #expect(try await found(repos, "launch", for: users[1]) == ["launch plan"])
            #expect(try await found(repos, "launch", for: users[1], in: other) == [])
            #expect(try await found(repos, "launch", for: users[2]) == ["launch party"])
            _ = try await repos.chats.removeMember(chat: team.id, user: users[1].id)
            #expect(try await found(repos, "launch", for: users[1]) == [])
            try await repos.chats.addMember(Fixture.member(team, users[2], joined: 5))
            #expect(try await found(repos, "launch", for: users[2]) == ["launch party", "launch plan"])
            try await repos.chats.delete(id: other.id)
            #expect(try await found(repos, "launch", for: users[0]) == ["launch plan"])
        }
    }

    @Test(arguments: repositoryFactories)
    func editsAndDeletesUpdateTheIndexAndTombstonesNeverMatch(_ factory: any RepositoryFactory) async throws {
        try await withRepositories(factory) { repos in
            let users = try await repos.seedUsers("Alice")
            let chat = try await repos.seedGroup("g", users)
            let first = try await repos.messages.append(Fixture.message(chat, from: users[0], "draft agenda", at: 1)).message
            let second = try await repos.messages.append(Fixture.message(chat, from: users[0], "agenda items", at: 2)).message
            _ = try await repos.messages.edit(id: first.id, in: chat.id, content: "final schedule", at: at(3))
            #expect(try await found(repos, "draft", for: users[0]) == [])
            #expect(try await found(repos, "schedule", for: users[0]) == ["final schedule"])
            #expect(try await found(repos, "agenda", for: users[0]) == ["agenda items"])
            _ = try await repos.messages.delete(id: second.id, in: chat.id, at: at(4))
            _ = try await repos.messages.delete(id: second.id, in: chat.id, at: at(5))
            #expect(try await found(repos, "agenda", for: users[0]) == [])
            #expect(try await found(repos, "items", for: users[0]) == [])
            let third = try await repos.messages.append(Fixture.message(chat, from: users[0], "new agenda", at: 6)).message
            #expect(try await found(repos, "agenda", for: users[0]) == ["new agenda"])
            #expect(third.seq == 3)
        }
    }

    @Test(arguments: repositoryFactories)
    func pagesNewestFirstWithACursorUntilNilAtTheEnd(_ factory: any RepositoryFactory) async throws {
        try await withRepositories(factory) { repos in
            let users = try await repos.seedUsers("Alice", "Bob")
            let chat = try await repos.seedGroup("g", users)
            let direct = try await repos.seedDirect(users[0], users[1])
            for index in 1...7 {
                let target = index.isMultiple(of: 2) ? direct : chat
                _ = try await repos.messages.append(Fixture.message(target, from: users[0], "ping \(index)", at: Int64(index)))
            }
            _ = try await repos.messages.append(Fixture.message(chat, from: users[0], "unrelated", at: 8))
            let first = try await repos.search.search(SearchTerms(words: ["ping"]), for: users[1].id, in: nil, after: nil, limit: 3)
            #expect(first.items.map(\.content) == ["ping 7", "ping 6", "ping 5"])
            let cursor = try #require(first.nextCursor)
            let second = try await repos.search.search(
                SearchTerms(words: ["ping"]), for: users[1].id, in: nil, after: cursor, limit: 3)
            #expect(second.items.map(\.content) == ["ping 4", "ping 3", "ping 2"])
            let third = try await repos.search.search(
                SearchTerms(words: ["ping"]), for: users[1].id, in: nil, after: second.nextCursor, limit: 3)
            #expect(third.items.map(\.content) == ["ping 1"])
            #expect(third.nextCursor == nil)
            let exact = try await repos.search.search(SearchTerms(words: ["ping"]), for: users[1].id, in: nil, after: nil, limit: 7)
            #expect(exact.items.count == 7)
            #expect(exact.nextCursor == nil)
            #expect(try await found(repos, "ping", for: users[1], in: direct, limit: 2) == ["ping 6", "ping 4", "ping 2"])
        }
    }

    @Test(arguments: repositoryFactories)
    func queryTextIsNeverSyntax(_ factory: any RepositoryFactory) async throws {
        try await withRepositories(factory) { repos in
            let users = try await repos.seedUsers("Alice")
            let chat = try await repos.seedGroup("g", users)
            for (index, text) in ["alpha OR beta", "gamma NEAR delta", "a:b c&d", "quote \"me\" now", "back\\slash"]
                .enumerated()
            {
                _ = try await repos.messages.append(Fixture.message(chat, from: users[0], text, at: Int64(index)))
            }
            let hostile = [
                "\"", "*", "OR", "NEAR(", "a:*", "!", "\\", "'", "''", "alpha OR gamma", "NOT alpha", "-alpha", "alpha*",
                "(alpha", "alpha) OR (gamma", "a & b | c", "!alpha", "alpha:*", "\"alpha", "NEAR(gamma delta, 1)",
                "col:alpha", "content:alpha", "^alpha", "alpha + beta", "{alpha}", "\u{0}alpha", "%", "_",
                String(repeating: "a ", count: 100), String(repeating: "(", count: 200),
            ]
            for query in hostile {
                _ = try await found(repos, query, for: users[0])
            }
            // Operators are words like any other: "OR" finds the message that says it, and never widens a query.
            #expect(try await found(repos, "alpha OR gamma", for: users[0]) == [])
            #expect(try await found(repos, "or", for: users[0]) == ["alpha OR beta"])
            #expect(try await found(repos, "NEAR(gamma", for: users[0]) == ["gamma NEAR delta"])
            #expect(try await found(repos, "-alpha", for: users[0]) == ["alpha OR beta"])
            #expect(try await found(repos, "a:*", for: users[0]) == ["a:b c&d", "alpha OR beta"])
            #expect(try await found(repos, "\"me\"", for: users[0]) == ["quote \"me\" now"])
            #expect(try await found(repos, "back\\", for: users[0]) == ["back\\slash"])
            #expect(try await found(repos, "!", for: users[0]) == [])
            #expect(try await found(repos, "*", for: users[0]) == [])
        }
    }

    @Test(arguments: repositoryFactories)
    func aCursorFromElsewhereIsRefused(_ factory: any RepositoryFactory) async throws {
        try await withRepositories(factory) { repos in
            let users = try await repos.seedUsers("Alice")
            for cursor in ["", "abc", "-1", "1_2_3", "x_y"] {
                await expectDomainError("VALIDATION_FAILED") {
                    _ = try await repos.search.search(SearchTerms(words: ["a"]), for: users[0].id, in: nil, after: cursor, limit: 5)
                }
            }
        }
    }
}
