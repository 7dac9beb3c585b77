import ChatDomain
import ChatPersistence
import Foundation
import Testing

/// Message search must walk the FTS5 index newest first and read only the messages it finds there: no scan of
/// messages, no sort of all matches.
@Suite("SQLite search query plans")
struct SQLiteSearchPlanTests {
    @Test(arguments: [false, true])
    func searchWalksTheFullTextIndexBackwards(_ oneChat: Bool) async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = try await SQLiteDatabase(
            path: directory.path("chat.sqlite"), migrateFrom: try SchemaLocation.resolve(.sqlite))
        let alice = Fixture.user("Alice")
        try await SQLiteUserRepository(database).create(alice)
        let chat = Fixture.group("g")
        try await SQLiteChatRepository(database).create(chat, members: [Fixture.member(chat, alice)])
        for index in 0..<20 {
            _ = try await SQLiteMessageRepository(database).append(Fixture.message(chat, from: alice, "word\(index) text"))
        }
        let (sql, arguments) = SQLiteMessageSearchIndex.searchQuery(
            SearchTerms(words: ["word1"]), user: alice.id, chat: oneChat ? chat.id : nil, below: Int64.max, limit: 20)
        let plan = try await database.queryPlan(sql, arguments)
        #expect(plan.first?.hasPrefix("SCAN messages_search VIRTUAL TABLE") == true, "\(plan)")
        #expect(plan.contains { $0.hasPrefix("SEARCH m USING INTEGER PRIMARY KEY (rowid=?)") }, "\(plan)")
        #expect(!plan.contains { $0 == "SCAN m" || $0.hasPrefix("SCAN m ") }, "\(plan)")
        #expect(!plan.contains { $0.contains("TEMP B-TREE") }, "sorting instead of walking the index: \(plan)")
        let found = try await SQLiteMessageSearchIndex(database).search(
            SearchTerms(words: ["word1"]), for: alice.id, in: nil, after: nil, limit: 20)
        #expect(found.items.map(\.content) == ["word19 text", "word18 text", "word17 text", "word16 text", "word15 text",
                                               "word14 text", "word13 text", "word12 text", "word11 text", "word10 text",
                                               "word1 text"])
    }
}
