import ChatDomain
import Foundation
import Testing

@testable import ChatPersistence

/// The guarantees users depend on when many requests hit one chat at once, on a real PostgreSQL.
@Suite(.enabled(if: PostgresTestServer.isConfigured, "set CHAT_TEST_POSTGRES_URL (scripts/services/postgres.sh)"))
struct PostgresConcurrencyTests {
    @Test func fiftyConcurrentSendersGetUniqueGapFreeSequenceNumbersInCommitOrder() async throws {
        try await PostgresTestServer.withFreshDatabase { database in
            let fixtures = PostgresFixtures(database: database)
            var senders: [User] = []
            for index in 0..<50 { senders.append(try await fixtures.user("sender\(index)")) }
            let chat = try await fixtures.group(senders)
            let senderList = senders

            let sent = try await withThrowingTaskGroup(of: Message.self) { group in
                for sender in senderList {
                    group.addTask {
                        let message = fixtures.text("hello from \(sender.username)", in: chat, from: sender, at: Date())
                        let (stored, created) = try await fixtures.messages.append(message)
                        #expect(created)
                        return stored
                    }
                }
                return try await group.reduce(into: [Message]()) { $0.append($1) }
            }

            #expect(sent.map(\.seq).sorted() == Array(1...50))
            let page = try await fixtures.messages.page(of: chat.id, from: .latest, limit: 100)
            #expect(page.items.map(\.seq) == Array(1...50))
            #expect(!page.hasMore)
            #expect(Set(page.items.map(\.senderID)) == Set(senders.map(\.id)))
            let createdTimes = page.items.map(\.createdAt)
            #expect(createdTimes == createdTimes.sorted(), "createdAt follows seq")
            let stored = try #require(try await fixtures.chats.find(id: chat.id))
            #expect(stored.lastSeq == 50)
            #expect(stored.lastActivityAt == createdTimes.last)
        }
    }

    @Test func concurrentRetriesOfOneClientMessageIDCreateExactlyOneMessage() async throws {
        try await PostgresTestServer.withFreshDatabase { database in
            let fixtures = PostgresFixtures(database: database)
            let alice = try await fixtures.user("alice")
            let chat = try await fixtures.group([alice])

            let results = try await withThrowingTaskGroup(of: (Message, Bool).self, returning: [(Message, Bool)].self) { group in
                for _ in 0..<20 {
                    group.addTask {
                        let retry = fixtures.text("only once", in: chat, from: alice, clientID: "client-1")
                        let (message, created) = try await fixtures.messages.append(retry)
                        return (message, created)
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }

            #expect(results.filter(\.1).count == 1)
            #expect(Set(results.map(\.0.id)).count == 1)
            #expect(results.allSatisfy { $0.0.seq == 1 && $0.0.content == "only once" })
            let page = try await fixtures.messages.page(of: chat.id, from: .latest, limit: 50)
            #expect(page.items.count == 1)
            #expect(try await fixtures.chats.find(id: chat.id)?.lastSeq == 1, "losers roll their increment back")

            let next = try await fixtures.messages.append(fixtures.text("next", in: chat, from: alice, clientID: "client-2"))
            #expect(next.created && next.message.seq == 2)
        }
    }

    @Test func twoUsersAskingForTheirDirectChatAtOnceGetTheSameChat() async throws {
        try await PostgresTestServer.withFreshDatabase { database in
            let fixtures = PostgresFixtures(database: database)
            let alice = try await fixtures.user("alice")
            let bob = try await fixtures.user("bob")
            let key = Chat.directKey(alice.id, bob.id)

            let results = try await withThrowingTaskGroup(of: (Chat, Bool).self, returning: [(Chat, Bool)].self) { group in
                for attempt in 0..<16 {
                    group.addTask {
                        let (me, peer) = attempt.isMultiple(of: 2) ? (alice, bob) : (bob, alice)
                        let chat = Chat(
                            id: ChatID(UUID()), kind: .direct, name: nil, createdAt: PostgresFixtures.epoch,
                            lastActivityAt: PostgresFixtures.epoch, directKey: key
                        )
                        let members = [me, peer].map {
                            Membership(chatID: chat.id, userID: $0.id, role: .admin, joinedAt: PostgresFixtures.epoch)
                        }
                        let (stored, created) = try await fixtures.chats.findOrCreateDirect(chat, members: members)
                        return (stored, created)
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }

            #expect(Set(results.map(\.0.id)).count == 1)
            #expect(results.filter(\.1).count == 1)
            let chatID = try #require(results.first?.0.id)
            #expect(Set(try await fixtures.chats.members(of: chatID).map(\.userID)) == [alice.id, bob.id])
            #expect(try await fixtures.chats.summaries(for: alice.id).count == 1)
            #expect(try await fixtures.chats.summaries(for: bob.id).first?.peerID == alice.id)
        }
    }

    @Test func readPointerNeverMovesBackwardsUnderConcurrentReads() async throws {
        try await PostgresTestServer.withFreshDatabase { database in
            let fixtures = PostgresFixtures(database: database)
            let alice = try await fixtures.user("alice")
            let bob = try await fixtures.user("bob")
            let chat = try await fixtures.group([alice, bob])
            for index in 1...60 { _ = try await fixtures.messages.append(fixtures.text("m\(index)", in: chat, from: alice)) }

            let targets = Array(1...60).map(Int64.init).shuffled()
            let answers = try await withThrowingTaskGroup(of: (Int64, Int64).self, returning: [(Int64, Int64)].self) { group in
                for seq in targets {
                    group.addTask {
                        let after = try await fixtures.messages.advanceReadPointer(chat: chat.id, user: bob.id, to: seq)
                        return (seq, after)
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }

            #expect(answers.allSatisfy { requested, after in after >= requested })
            #expect(try await fixtures.chats.membership(chat: chat.id, user: bob.id)?.lastReadSeq == 60)
            #expect(try await fixtures.messages.advanceReadPointer(chat: chat.id, user: bob.id, to: 10) == 60)
            #expect(try await fixtures.messages.unreadCount(chat: chat.id, user: bob.id) == 0)
        }
    }
}
