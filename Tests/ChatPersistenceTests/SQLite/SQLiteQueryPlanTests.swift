import ChatDomain
import ChatPersistence
import Foundation
import Testing

/// History and unread counts must search the (chat_id, seq) index, never scan messages.
@Suite("SQLite query plans")
struct SQLiteQueryPlanTests {
    @Test(arguments: [HistoryCursor.latest, .before(40), .after(40)])
    func historyPagesSearchTheChatSeqIndex(_ cursor: HistoryCursor) async throws {
        try await withDatabase { database in
            let (sql, arguments) = SQLiteMessageRepository.pageQuery(chat: ChatID(UUID()), cursor: cursor, limit: 50)
            let plan = try await database.queryPlan(sql, arguments)
            #expect(plan.contains { $0.hasPrefix("SEARCH messages USING INDEX messages_chat_seq (chat_id=?") }, "\(plan)")
            #expect(!plan.contains { $0.hasPrefix("SCAN messages") }, "\(plan)")
            #expect(!plan.contains { $0.contains("TEMP B-TREE") }, "sorting instead of walking the index: \(plan)")
        }
    }

    @Test func unreadCountSearchesTheChatSeqIndexFromThePointer() async throws {
        try await withDatabase { database in
            let chat = ChatID(UUID()).description
            let user = UserID(UUID()).description
            let plan = try await database.queryPlan(SQLiteMessageRepository.unreadSQL, [chat, chat, user, user])
            #expect(plan.contains { $0.hasPrefix("SEARCH messages USING INDEX messages_chat_seq (chat_id=? AND seq>?)") }, "\(plan)")
            #expect(!plan.contains { $0.hasPrefix("SCAN messages") }, "\(plan)")
        }
    }

    private func withDatabase(_ body: (SQLiteDatabase) async throws -> Void) async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = try await SQLiteDatabase(
            path: directory.path("chat.sqlite"), migrateFrom: try SchemaLocation.resolve(.sqlite))
        // Enough rows that the planner has a real table to choose over.
        let users = SQLiteUserRepository(database)
        let alice = Fixture.user("Alice")
        try await users.create(alice)
        let chat = Fixture.group("g")
        try await SQLiteChatRepository(database).create(chat, members: [Fixture.member(chat, alice)])
        for index in 0..<20 {
            _ = try await SQLiteMessageRepository(database).append(Fixture.message(chat, from: alice, "m\(index)"))
        }
        try await body(database)
    }
}
