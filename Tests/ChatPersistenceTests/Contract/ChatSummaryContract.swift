import ChatDomain
import Foundation
import Testing

@Suite("ChatRepository summaries contract")
struct ChatSummaryContract {
    @Test(arguments: repositoryFactories)
    func summariesAreOrderedByNewestActivity(_ factory: any RepositoryFactory) async throws {
        try await withRepositories(factory) { repos in
            let users = try await repos.seedUsers("Alice", "Bob")
            let older = try await repos.seedGroup("older", users, at: 100)
            let newer = try await repos.seedGroup("newer", users, at: 200)
            let quiet = try await repos.seedGroup("quiet", users, at: 150)
            #expect(try await repos.chats.summaries(for: users[0].id).map(\.chat.id) == [newer.id, quiet.id, older.id])
            _ = try await repos.messages.append(Fixture.message(older, from: users[1], at: 300))
            let summaries = try await repos.chats.summaries(for: users[0].id)
            #expect(summaries.map(\.chat.id) == [older.id, newer.id, quiet.id])
            #expect(summaries[0].chat.lastActivityAt == at(300))
        }
    }

    @Test(arguments: repositoryFactories)
    func summaryCarriesLastMessageUnreadCountRoleAndParticipants(_ factory: any RepositoryFactory) async throws {
        try await withRepositories(factory) { repos in
            let users = try await repos.seedUsers("Alice", "Bob", "Carol")
            let chat = try await repos.seedGroup("g", users)
            let first = try await repos.messages.append(Fixture.message(chat, from: users[1], "one", at: 10)).message
            _ = try await repos.messages.append(Fixture.message(chat, from: users[1], "two", at: 20))
            let deleted = try await repos.messages.append(Fixture.message(chat, from: users[2], "three", at: 30)).message
            _ = try await repos.messages.append(Fixture.message(chat, from: users[0], "mine", at: 40))
            let last = try await repos.messages.append(Fixture.message(chat, from: users[2], "five", at: 50)).message
            _ = try await repos.messages.delete(id: deleted.id, in: chat.id, at: at(60))
            _ = try await repos.messages.advanceReadPointer(chat: chat.id, user: users[0].id, to: first.seq)

            let summary = try #require(try await repos.chats.summaries(for: users[0].id).first)
            #expect(summary.chat.id == chat.id)
            #expect(summary.chat.lastSeq == 5)
            #expect(summary.participantCount == 3)
            #expect(summary.lastMessage == last)
            // After seq 1: "two" (2) and "five" (5); "three" is deleted and "mine" is Alice's own.
            #expect(summary.unreadCount == 2)
            #expect(summary.myRole == .admin)
            #expect(summary.peerID == nil)
            let bobs = try #require(try await repos.chats.summary(of: chat.id, for: users[1].id))
            #expect(bobs.myRole == .member)
            #expect(bobs.unreadCount == 2)
        }
    }

    @Test(arguments: repositoryFactories)
    func directChatSummaryNamesThePeer(_ factory: any RepositoryFactory) async throws {
        try await withRepositories(factory) { repos in
            let users = try await repos.seedUsers("Alice", "Bob")
            let chat = try await repos.seedDirect(users[0], users[1])
            let summary = try #require(try await repos.chats.summary(of: chat.id, for: users[0].id))
            #expect(summary.peerID == users[1].id)
            #expect(summary.participantCount == 2)
            #expect(summary.lastMessage == nil)
            #expect(summary.unreadCount == 0)
            #expect(try await repos.chats.summary(of: chat.id, for: users[1].id)?.peerID == users[0].id)
        }
    }

    @Test(arguments: repositoryFactories)
    func singleSummaryMatchesTheListAndIsNilForNonMembers(_ factory: any RepositoryFactory) async throws {
        try await withRepositories(factory) { repos in
            let users = try await repos.seedUsers("Alice", "Bob", "Carol")
            let chat = try await repos.seedGroup("g", Array(users[0...1]))
            _ = try await repos.messages.append(Fixture.message(chat, from: users[1]))
            let listed = try await repos.chats.summaries(for: users[0].id)
            #expect(try await repos.chats.summary(of: chat.id, for: users[0].id) == listed.first)
            #expect(try await repos.chats.summary(of: chat.id, for: users[2].id) == nil)
            #expect(try await repos.chats.summaries(for: users[2].id).isEmpty)
        }
    }

    @Test(arguments: repositoryFactories)
    func lastMessageOfASummaryCanBeATombstone(_ factory: any RepositoryFactory) async throws {
        try await withRepositories(factory) { repos in
            let users = try await repos.seedUsers("Alice", "Bob")
            let chat = try await repos.seedGroup("g", users)
            let sent = try await repos.messages.append(Fixture.message(chat, from: users[1])).message
            let tombstone = try await repos.messages.delete(id: sent.id, in: chat.id, at: at(2_000))
            let summary = try #require(try await repos.chats.summary(of: chat.id, for: users[0].id))
            #expect(summary.lastMessage == tombstone)
            #expect(summary.unreadCount == 0)
        }
    }
}
