import ChatDomain
import Foundation
import Testing

@Suite struct HistoryTests {
    let world = World()

    /// A group with `count` messages "m1"…"mN"; returns the member who reads them and the chat.
    private func chat(with count: Int) async throws -> (reader: User, chat: ChatID) {
        let ada = try await world.signUp("ada")
        let mel = try await world.signUp("mel")
        let chat = try await world.group(by: ada, with: [mel])
        for n in 1...count { try await world.say("m\(n)", in: chat, as: ada) }
        return (mel, chat)
    }

    private func page(_ c: (reader: User, chat: ChatID), _ cursor: HistoryCursor, limit: Int?) async throws -> (
        seqs: [Int64], hasMore: Bool
    ) {
        let page = try await world.readMessages.page(c.chat, for: c.reader.id, cursor: cursor, limit: limit)
        return (page.items.map(\.seq), page.hasMore)
    }

    @Test func latestPageHoldsTheNewestMessagesInAscendingOrder() async throws {
        let c = try await chat(with: 5)
        let result = try await page(c, .latest, limit: 2)
        #expect(result.seqs == [4, 5])
        #expect(result.hasMore)
        let contents = try await world.readMessages.page(c.chat, for: c.reader.id, cursor: .latest, limit: 2).items
            .map(\.content)
        #expect(contents == ["m4", "m5"])
    }

    @Test func latestPageOfAShortHistoryHasNoMore() async throws {
        let c = try await chat(with: 3)
        let result = try await page(c, .latest, limit: nil)
        #expect(result.seqs == [1, 2, 3])
        #expect(!result.hasMore)
    }

    @Test func defaultPageHoldsFiftyMessages() async throws {
        let c = try await chat(with: 51)
        let result = try await page(c, .latest, limit: nil)
        #expect(result.seqs == Array(2...51))
        #expect(result.hasMore)
    }

    @Test func beforePageHoldsTheMessagesJustBeforeTheCursor() async throws {
        let c = try await chat(with: 5)
        let middle = try await page(c, .before(4), limit: 2)
        #expect(middle.seqs == [2, 3])
        #expect(middle.hasMore)
        let oldest = try await page(c, .before(3), limit: 2)
        #expect(oldest.seqs == [1, 2])
        #expect(!oldest.hasMore)
    }

    @Test func afterPageHoldsTheMessagesJustAfterTheCursor() async throws {
        let c = try await chat(with: 5)
        let fromStart = try await page(c, .after(0), limit: 2)
        #expect(fromStart.seqs == [1, 2])
        #expect(fromStart.hasMore)
        let middle = try await page(c, .after(1), limit: 2)
        #expect(middle.seqs == [2, 3])
        #expect(middle.hasMore)
        let newest = try await page(c, .after(3), limit: 2)
        #expect(newest.seqs == [4, 5])
        #expect(!newest.hasMore)
        let nothing = try await page(c, .after(5), limit: 2)
        #expect(nothing.seqs.isEmpty)
        #expect(!nothing.hasMore)
    }

    @Test func pagingBackwardsVisitsEveryMessageOnce() async throws {
        let c = try await chat(with: 23)
        var seen: [Int64] = []
        var cursor = HistoryCursor.latest
        while true {
            let result = try await page(c, cursor, limit: 10)
            seen = result.seqs + seen
            guard result.hasMore, let oldest = result.seqs.first else { break }
            cursor = .before(oldest)
        }
        #expect(seen == Array(1...23))
    }

    @Test(arguments: [0, 101, -1])
    func limitOutside1To100IsRefused(_ limit: Int) async throws {
        let c = try await chat(with: 1)
        await #expect(throws: DomainError.invalid(field: "limit", reason: "must be between 1 and 100")) {
            try await world.readMessages.page(c.chat, for: c.reader.id, cursor: .latest, limit: limit)
        }
    }

    @Test func limitOf100IsAccepted() async throws {
        let c = try await chat(with: 101)
        let result = try await page(c, .latest, limit: 100)
        #expect(result.seqs.count == 100)
        #expect(result.hasMore)
    }

    @Test(arguments: [HistoryCursor.before(0), .after(-1)])
    func cursorBelowTheFirstSequenceNumberIsRefused(_ cursor: HistoryCursor) async throws {
        let c = try await chat(with: 1)
        await #expect(throws: DomainError.invalid(field: "cursor", reason: "must be a positive sequence number")) {
            try await world.readMessages.page(c.chat, for: c.reader.id, cursor: cursor, limit: nil)
        }
    }

    @Test func deletedMessagesStayInHistoryAsTombstones() async throws {
        let c = try await chat(with: 3)
        let second = try #require(try await world.readMessages.page(c.chat, for: c.reader.id, cursor: .after(1), limit: 1).items.first)
        let ada = try #require(try await world.users.find(username: "ada"))
        _ = try await world.changeMessages.delete(second.id, in: c.chat, by: ada.id)
        let items = try await world.readMessages.page(c.chat, for: c.reader.id, cursor: .latest, limit: nil).items
        #expect(items.map(\.seq) == [1, 2, 3])
        #expect(items.map(\.content) == ["m1", nil, "m3"])
        #expect(items.map(\.isDeleted) == [false, true, false])
    }
}
