import ChatDomain
import Foundation
import struct PostgresNIO.PostgresQuery
import Testing

@testable import ChatPersistence

/// History and unread counts must read a range of the `(chat_id, seq)` index, so their cost does not grow
/// with the length of a chat's history.
@Suite(.enabled(if: PostgresTestServer.isConfigured, "set CHAT_TEST_POSTGRES_URL (scripts/services/postgres.sh)"))
struct PostgresQueryPlanTests {
    @Test func historyAndUnreadCountQueriesUseTheChatSeqIndex() async throws {
        try await PostgresTestServer.withFreshDatabase { database in
            let fixtures = PostgresFixtures(database: database)
            let alice = try await fixtures.user("alice")
            let bob = try await fixtures.user("bob")
            let busy = try await fixtures.group([alice, bob], name: "busy")
            let quiet = try await fixtures.group([alice, bob], name: "quiet")
            // Enough rows in two chats that reading one chat's page by scanning the table would be the slow plan.
            for (chat, count) in [(busy, 5000), (quiet, 20)] {
                try await database.execute(
                    """
                    INSERT INTO messages (id, chat_id, seq, sender_id, content, kind, created_at)
                    SELECT gen_random_uuid(), \(chat.id.uuid), n, \(alice.id.uuid), 'm' || n, 'TEXT', n
                    FROM generate_series(1, \(count)) n
                    """
                )
            }
            try await database.execute("ANALYZE messages")

            let queries: [(String, PostgresQuery)] = [
                ("latest", PostgresMessageRepository.historyQuery(chat: busy.id, cursor: .latest, limit: 50)),
                ("before", PostgresMessageRepository.historyQuery(chat: busy.id, cursor: .before(2500), limit: 50)),
                ("after", PostgresMessageRepository.historyQuery(chat: busy.id, cursor: .after(2500), limit: 50)),
                ("unread", PostgresMessageRepository.unreadCountQuery(chat: quiet.id, user: bob.id)),
            ]
            for (label, query) in queries {
                let plan = try await database.withConnection { connection in
                    try await connection.run("SET enable_seqscan = off", logger: database.logger)
                    let explain = PostgresQuery(unsafeSQL: "EXPLAIN " + query.sql, binds: query.binds)
                    return try await connection.collect(explain, logger: database.logger) { try $0.decode(String.self) }
                        .joined(separator: "\n")
                }
                #expect(plan.contains("messages_chat_seq"), "\(label) plan:\n\(plan)")
            }

            let page = try await fixtures.messages.page(of: busy.id, from: .before(2500), limit: 50)
            #expect(page.items.map(\.seq) == Array(2450...2499))
            #expect(page.hasMore)
            #expect(try await fixtures.messages.unreadCount(chat: quiet.id, user: bob.id) == 20)
        }
    }
}
