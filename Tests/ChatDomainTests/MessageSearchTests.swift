import ChatDomain
import Foundation
import Testing

/// Records what `SearchMessages` asks the index; answers one fixed page.
private actor RecordingSearchIndex: MessageSearchIndex {
    var asked: [(terms: SearchTerms, chat: ChatID?, cursor: String?, limit: Int)] = []

    func search(
        _ terms: SearchTerms, for user: UserID, in chat: ChatID?, after cursor: String?, limit: Int
    ) async throws -> MessageSearchPage {
        asked.append((terms, chat, cursor, limit))
        return MessageSearchPage(items: [], nextCursor: "next")
    }
}

@Suite struct MessageSearchTests {
    let world = World()

    @Test func queriesSplitIntoWordsOfLettersAndDigitsInAnyScript() throws {
        #expect(try SearchTerms("Привет, мир!").words == ["Привет", "мир"])
        #expect(try SearchTerms("hello   world hello").words == ["hello", "world"])
        #expect(try SearchTerms("\"alpha\" OR beta* NEAR(x, 2) -c:d").words == ["alpha", "OR", "beta", "NEAR", "x", "2", "c", "d"])
        #expect(try SearchTerms("école 東京 abc123").words == ["école", "東京", "abc123"])
        #expect(try SearchTerms("\"*!\\ ()").words == [])
        #expect(try SearchTerms(String(repeating: "x", count: 200)).words.count == 1)
    }

    @Test func blankOrOverlongQueriesAreRefused() {
        for query in ["", "   ", "\n\t", String(repeating: "x", count: 201)] {
            #expect(throws: DomainError.invalid(field: "q", reason: "1-200 characters, not only spaces")) {
                try SearchTerms(query)
            }
        }
    }

    @Test func searchesTheIndexWithTheLimitAndCursorGiven() async throws {
        let index = RecordingSearchIndex()
        let search = SearchMessages(chats: world.chats, index: index)
        let ada = try await world.signUp("ada")
        let page = try await search(query: "hello", for: ada.id, cursor: "c1")
        #expect(page.nextCursor == "next")
        _ = try await search(query: "hello there", for: ada.id, limit: 50)
        let asked = await index.asked
        #expect(asked.map { $0.terms.words } == [["hello"], ["hello", "there"]])
        #expect(asked.map { $0.limit } == [SearchMessages.defaultLimit, 50])
        #expect(asked.map { $0.cursor } == ["c1", nil])
    }

    @Test func aQueryWithoutWordsFindsNothingWithoutAskingTheIndex() async throws {
        let index = RecordingSearchIndex()
        let ada = try await world.signUp("ada")
        let page = try await SearchMessages(chats: world.chats, index: index)(query: "*!?", for: ada.id)
        #expect(page == .empty)
        #expect(await index.asked.isEmpty)
    }

    @Test func limitsOutsideOneToFiftyAreRefused() async throws {
        let search = SearchMessages(chats: world.chats, index: RecordingSearchIndex())
        let ada = try await world.signUp("ada")
        for limit in [0, 51, -1] {
            await #expect(throws: DomainError.invalid(field: "limit", reason: "must be between 1 and 50")) {
                _ = try await search(query: "hi", for: ada.id, limit: limit)
            }
        }
    }

    @Test func oneChatOnlyForItsMembers() async throws {
        let index = RecordingSearchIndex()
        let search = SearchMessages(chats: world.chats, index: index)
        let ada = try await world.signUp("ada"), eve = try await world.signUp("eve")
        let chat = try await world.group(by: ada)
        _ = try await search(query: "hi", for: ada.id, in: chat)
        #expect(await index.asked.map { $0.chat } == [chat])
        await #expect(throws: DomainError.forbidden("not a member of this chat")) {
            _ = try await search(query: "hi", for: eve.id, in: chat)
        }
        await #expect(throws: DomainError.notFound("chat not found")) {
            _ = try await search(query: "hi", for: eve.id, in: ChatID(UUID()))
        }
    }
}
