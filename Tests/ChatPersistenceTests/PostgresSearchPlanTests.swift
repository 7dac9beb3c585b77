import ChatDomain
import Foundation
import struct PostgresNIO.PostgresQuery
import Testing

@testable import ChatPersistence

/// Message search must find a rare word's matches through the GIN index `messages_search`, and walk a common word's
/// newest first along `messages_chat_created`, never reading every message or sorting every match.
@Suite(.enabled(if: PostgresTestServer.isConfigured, "set CHAT_TEST_POSTGRES_URL (scripts/services/postgres.sh)"))
struct PostgresSearchPlanTests {
    @Test func searchReadsTheFullTextIndex() async throws {
        try await PostgresTestServer.withFreshDatabase { database in
            let fixtures = PostgresFixtures(database: database)
            let alice = try await fixtures.user("alice")
            let bob = try await fixtures.user("bob")
            let chat = try await fixtures.group([alice, bob], name: "busy")
            try await database.execute(
                """
                INSERT INTO messages (id, chat_id, seq, sender_id, content, kind, created_at)
                SELECT gen_random_uuid(), \(chat.id.uuid), n, \(alice.id.uuid), 'word' || n || ' filler text', 'TEXT', n
                FROM generate_series(1, 5000) n
                """
            )
            try await database.execute("ANALYZE messages")
            for (word, index) in [("word1234", "messages_search"), ("filler", "messages_chat_created")] {
                let terms = SearchTerms(words: [word])
                let queries: [(String, PostgresQuery)] = [
                    ("all chats", PostgresMessageSearchIndex.searchQuery(terms, user: bob.id, chat: nil, below: (Int64.max, UUID()), limit: 20)),
                    ("one chat", PostgresMessageSearchIndex.searchQuery(terms, user: bob.id, chat: chat.id, below: (Int64.max, UUID()), limit: 20)),
                ]
                for (label, query) in queries {
                    let plan = try await database.withConnection { connection in
                        let explain = PostgresQuery(unsafeSQL: "EXPLAIN " + query.sql, binds: query.binds)
                        return try await connection.collect(explain, logger: database.logger) { try $0.decode(String.self) }
                            .joined(separator: "\n")
                    }
                    #expect(plan.contains(index), "\(word), \(label) plan:\n\(plan)")
                    #expect(!plan.contains("Seq Scan on messages"), "\(word), \(label) plan:\n\(plan)")
                }
            }
            let terms = SearchTerms(words: ["word1234"])
            let found = try await PostgresMessageSearchIndex(database).search(terms, for: bob.id, in: nil, after: nil, limit: 20)
            #expect(found.items.map(\.content) == ["word1234 filler text"])
        }
    }
}
