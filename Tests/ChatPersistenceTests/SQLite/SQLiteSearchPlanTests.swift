import ChatDomain
import ChatPersistence
import Foundation
import Testing

/// Message search must walk the FTS5 index newest first and read only the messages it finds there (no scan of
/// messages, no sort of all matches), ask the index for the caller's chats, and turn typed prefixes into whole words.
@Suite("SQLite search query plans")
struct SQLiteSearchPlanTests {
    /// A database with Alice in one group holding `texts`, oldest first.
    func seeded(_ texts: [String]) async throws -> (TemporaryDirectory, SQLiteDatabase, User, Chat) {
        let directory = try TemporaryDirectory()
        let database = try await SQLiteDatabase(
            path: directory.path("chat.sqlite"), migrateFrom: try SchemaLocation.resolve(.sqlite))
        let alice = Fixture.user("Alice")
        try await SQLiteUserRepository(database).create(alice)
        let chat = Fixture.group("g")
        try await SQLiteChatRepository(database).create(chat, members: [Fixture.member(chat, alice)])
        for text in texts {
            _ = try await SQLiteMessageRepository(database).append(Fixture.message(chat, from: alice, text))
        }
        return (directory, database, alice, chat)
    }

    func match(_ database: SQLiteDatabase, _ words: [String], for user: User, in chat: Chat? = nil) async throws -> String? {
        try await database.read { db in
            try SQLiteMessageSearchIndex.matchExpression(SearchTerms(words: words), user: user.id, chat: chat?.id, db)
        }
    }

    func token(_ chat: Chat) -> String { "\"c\(chat.id.description.replacingOccurrences(of: "-", with: ""))\"" }

    @Test(arguments: [false, true])
    func searchWalksTheFullTextIndexBackwards(_ oneChat: Bool) async throws {
        let (directory, database, alice, chat) = try await seeded((0..<20).map { "word\($0) text" })
        defer { directory.remove() }
        let expression = try #require(try await match(database, ["word1"], for: alice, in: oneChat ? chat : nil))
        let (sql, arguments) = SQLiteMessageSearchIndex.searchQuery(match: expression, user: alice.id, below: Int64.max, limit: 20)
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

    @Test func aTypedWordBecomesTheWholeWordsItBeginsFoldedAsTheIndexFoldsThem() async throws {
        let (directory, database, alice, chat) = try await seeded(["Plan the PLANET", "planning", "École"])
        defer { directory.remove() }
        #expect(try await match(database, ["PLAN"], for: alice)
            == "content : (\"plan\" OR \"planet\" OR \"planning\") AND chat : (\(token(chat)))")
        #expect(try await match(database, ["eco"], for: alice) == "content : (\"ecole\") AND chat : (\(token(chat)))")
        // A word no message holds stays a prefix query: it costs nothing, and finds words written around the vocabulary.
        #expect(try await match(database, ["zebra"], for: alice) == "content : (\"zebra\"*) AND chat : (\(token(chat)))")
        // Only separators: nothing to look for.
        #expect(try await match(database, ["…"], for: alice) == nil)
    }

    @Test func aPrefixOfTooManyWordsStaysAPrefixQueryAndStillFindsThemAll() async throws {
        let count = SQLiteMessageSearchIndex.maxPrefixExpansion + 1
        let (directory, database, alice, chat) = try await seeded((0..<count).map { "w\($0)" })
        defer { directory.remove() }
        #expect(try await match(database, ["w"], for: alice) == "content : (\"w\"*) AND chat : (\(token(chat)))")
        #expect(try await match(database, ["w1"], for: alice)?.hasPrefix("content : (\"w1\" OR \"w10\" OR ") == true)
        let found = try await SQLiteMessageSearchIndex(database).search(
            SearchTerms(words: ["w"]), for: alice.id, in: nil, after: nil, limit: 50)
        #expect(found.items.count == 50 && found.nextCursor != nil)
    }

    @Test func theQueryNamesTheCallersChatsUpToALimitAndMembershipStillFilters() async throws {
        let (directory, database, alice, chat) = try await seeded(["hello"])
        defer { directory.remove() }
        let bob = Fixture.user("Bob")
        try await SQLiteUserRepository(database).create(bob)
        #expect(try await match(database, ["hello"], for: bob) == nil, "in no chat: nothing to search")
        var bobs: [Chat] = []
        for index in 0..<SQLiteMessageSearchIndex.maxChatsInQuery {
            let group = Fixture.group("b\(index)")
            try await SQLiteChatRepository(database).create(group, members: [Fixture.member(group, bob)])
            bobs.append(group)
        }
        let named = try #require(try await match(database, ["hello"], for: bob))
        #expect(bobs.allSatisfy { named.contains(token($0)) } && !named.contains(token(chat)))
        let one = Fixture.group("one more")
        try await SQLiteChatRepository(database).create(one, members: [Fixture.member(one, bob)])
        #expect(try await match(database, ["hello"], for: bob) == "content : (\"hello\")")
        // Bob is in 65 chats, so the query names none; membership keeps Alice's message from him.
        let found = try await SQLiteMessageSearchIndex(database).search(
            SearchTerms(words: ["hello"]), for: bob.id, in: nil, after: nil, limit: 20)
        #expect(found.items.isEmpty)
        let own = try await SQLiteMessageSearchIndex(database).search(
            SearchTerms(words: ["hello"]), for: alice.id, in: nil, after: nil, limit: 20)
        #expect(own.items.map(\.content) == ["hello"])
    }

    @Test func messagesIndexedBeforeTheVocabularyExistedAreFoundAfterTheMigration() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let full = try SchemaLocation.resolve(.sqlite)
        let before = URL(fileURLWithPath: directory.path("schema"))
        try FileManager.default.createDirectory(at: before, withIntermediateDirectories: true)
        for file in try FileManager.default.contentsOfDirectory(atPath: full.path).sorted() where file < "0004" {
            try FileManager.default.copyItem(at: full.appendingPathComponent(file), to: before.appendingPathComponent(file))
        }
        let path = directory.path("chat.sqlite")
        let old = try await SQLiteDatabase(path: path, migrateFrom: before)
        let alice = Fixture.user("Alice")
        try await SQLiteUserRepository(old).create(alice)
        let chat = Fixture.group("g")
        try await SQLiteChatRepository(old).create(chat, members: [Fixture.member(chat, alice)])
        // Written as the repository wrote them before schema 0004 (which it can no longer do): a tombstone too.
        for (seq, text) in [(1, "Ёлка и ЙОГУРТ"), (2, "draft"), (3, nil)] as [(Int, String?)] {
            try await old.write { db in
                try db.execute(
                    sql: """
                        INSERT INTO messages (id, chat_id, seq, sender_id, content, kind, created_at, deleted_at)
                        VALUES (?, ?, ?, ?, ?, 'TEXT', ?, ?)
                        """,
                    arguments: [UUID().uuidString.lowercased(), chat.id.description, seq, alice.id.description, text,
                                seq, text == nil ? seq : nil])
            }
        }
        let migrated = try await SQLiteDatabase(path: path, migrateFrom: full)
        let index = SQLiteMessageSearchIndex(migrated)
        for (query, expected) in [("ёл", ["Ёлка и ЙОГУРТ"]), ("йогу", ["Ёлка и ЙОГУРТ"]), ("dra", ["draft"])] {
            let found = try await index.search(SearchTerms(query), for: alice.id, in: nil, after: nil, limit: 20)
            #expect(found.items.map(\.content) == expected, "\(query)")
        }
        #expect(try await match(migrated, ["dra"], for: alice) == "content : (\"draft\") AND chat : (\(token(chat)))")
    }
}
