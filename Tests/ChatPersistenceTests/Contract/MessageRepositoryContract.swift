import ChatDomain
import Foundation
import Testing

@Suite("MessageRepository contract")
struct MessageRepositoryContract {
    @Test(arguments: repositoryFactories)
    func appendAssignsGapFreeSequenceNumbersAndBumpsActivity(_ factory: any RepositoryFactory) async throws {
        try await withRepositories(factory) { repos in
            let users = try await repos.seedUsers("Alice", "Bob")
            let chat = try await repos.seedGroup("g", users)
            var seqs: [Int64] = []
            for (index, sender) in [users[0], users[1], users[0]].enumerated() {
                let new = Fixture.message(chat, from: sender, "m\(index)", at: 1_000 + Int64(index))
                let (message, created) = try await repos.messages.append(new)
                #expect(created)
                #expect(message.id == new.id && message.content == new.content && message.createdAt == new.createdAt)
                #expect(try await repos.messages.find(id: new.id, in: chat.id) == message)
                seqs.append(message.seq)
            }
            #expect(seqs == [1, 2, 3])
            let stored = try #require(try await repos.chats.find(id: chat.id))
            #expect(stored.lastSeq == 3)
            #expect(stored.lastActivityAt == at(1_002))
        }
    }

    @Test(arguments: repositoryFactories)
    func sequenceNumbersArePerChat(_ factory: any RepositoryFactory) async throws {
        try await withRepositories(factory) { repos in
            let users = try await repos.seedUsers("Alice")
            let one = try await repos.seedGroup("one", users)
            let two = try await repos.seedGroup("two", users)
            _ = try await repos.messages.append(Fixture.message(one, from: users[0]))
            _ = try await repos.messages.append(Fixture.message(one, from: users[0]))
            #expect(try await repos.messages.append(Fixture.message(two, from: users[0])).message.seq == 1)
        }
    }

    @Test(arguments: repositoryFactories)
    func appendIsIdempotentByClientMessageIdPerSenderAndChat(_ factory: any RepositoryFactory) async throws {
        try await withRepositories(factory) { repos in
            let users = try await repos.seedUsers("Alice", "Bob")
            let chat = try await repos.seedGroup("g", users)
            let other = try await repos.seedGroup("h", users)
            let original = try await repos.messages.append(Fixture.message(chat, from: users[0], "hi", clientID: "c-1"))
            let retry = try await repos.messages.append(Fixture.message(chat, from: users[0], "hi again", clientID: "c-1"))
            #expect(!retry.created)
            #expect(retry.message == original.message)
            #expect(try await repos.chats.find(id: chat.id)?.lastSeq == 1)
            let bobs = try await repos.messages.append(Fixture.message(chat, from: users[1], clientID: "c-1"))
            #expect(bobs.created && bobs.message.seq == 2)
            let elsewhere = try await repos.messages.append(Fixture.message(other, from: users[0], clientID: "c-1"))
            #expect(elsewhere.created)
            let anonymous = try await repos.messages.append(Fixture.message(chat, from: users[0], clientID: nil))
            let anonymousAgain = try await repos.messages.append(Fixture.message(chat, from: users[0], clientID: nil))
            #expect(anonymous.created && anonymousAgain.created)
        }
    }

    @Test(arguments: repositoryFactories)
    func appendingToAMissingChatIsNotFound(_ factory: any RepositoryFactory) async throws {
        try await withRepositories(factory) { repos in
            let alice = try await repos.seedUsers("Alice")[0]
            await expectDomainError("NOT_FOUND") {
                _ = try await repos.messages.append(Fixture.message(Fixture.group("ghost"), from: alice))
            }
        }
    }

    @Test(arguments: repositoryFactories)
    func findIsScopedToTheChat(_ factory: any RepositoryFactory) async throws {
        try await withRepositories(factory) { repos in
            let users = try await repos.seedUsers("Alice")
            let chat = try await repos.seedGroup("g", users)
            let other = try await repos.seedGroup("h", users)
            let sent = try await repos.messages.append(Fixture.message(chat, from: users[0])).message
            #expect(try await repos.messages.find(id: sent.id, in: other.id) == nil)
            #expect(try await repos.messages.find(id: MessageID(UUID()), in: chat.id) == nil)
        }
    }

    @Test(arguments: repositoryFactories)
    func editSetsContentAndEditedAt(_ factory: any RepositoryFactory) async throws {
        try await withRepositories(factory) { repos in
            let users = try await repos.seedUsers("Alice")
            let chat = try await repos.seedGroup("g", users)
            let other = try await repos.seedGroup("h", users)
            var sent = try await repos.messages.append(Fixture.message(chat, from: users[0], "typo")).message
            let edited = try await repos.messages.edit(id: sent.id, in: chat.id, content: "fixed", at: at(5_000))
            sent.content = "fixed"
            sent.editedAt = at(5_000)
            #expect(edited == sent)
            #expect(edited?.isEdited == true)
            #expect(try await repos.messages.find(id: sent.id, in: chat.id) == sent)
            #expect(try await repos.messages.edit(id: sent.id, in: other.id, content: "x", at: at(6_000)) == nil)
            #expect(try await repos.messages.edit(id: MessageID(UUID()), in: chat.id, content: "x", at: at(6_000)) == nil)
        }
    }

    @Test(arguments: repositoryFactories)
    func deleteLeavesATombstoneThatCannotBeEdited(_ factory: any RepositoryFactory) async throws {
        try await withRepositories(factory) { repos in
            let users = try await repos.seedUsers("Alice")
            let chat = try await repos.seedGroup("g", users)
            let sent = try await repos.messages.append(Fixture.message(chat, from: users[0], "secret")).message
            let tombstone = try #require(try await repos.messages.delete(id: sent.id, in: chat.id, at: at(7_000)))
            #expect(tombstone.content == nil)
            #expect(tombstone.deletedAt == at(7_000))
            #expect(tombstone.seq == sent.seq && tombstone.id == sent.id)
            #expect(try await repos.messages.page(of: chat.id, from: .latest, limit: 10).items == [tombstone])
            #expect(try await repos.messages.edit(id: sent.id, in: chat.id, content: "back", at: at(8_000)) == nil)
            #expect(try await repos.messages.delete(id: sent.id, in: chat.id, at: at(9_000)) == tombstone)
            #expect(try await repos.messages.delete(id: MessageID(UUID()), in: chat.id, at: at(9_000)) == nil)
        }
    }

    @Test(arguments: repositoryFactories)
    func readPointerOnlyMovesForward(_ factory: any RepositoryFactory) async throws {
        try await withRepositories(factory) { repos in
            let users = try await repos.seedUsers("Alice", "Bob")
            let chat = try await repos.seedGroup("g", [users[0]])
            #expect(try await repos.messages.advanceReadPointer(chat: chat.id, user: users[0].id, to: 3) == 3)
            #expect(try await repos.messages.advanceReadPointer(chat: chat.id, user: users[0].id, to: 1) == 3)
            #expect(try await repos.messages.advanceReadPointer(chat: chat.id, user: users[0].id, to: 5) == 5)
            #expect(try await repos.chats.membership(chat: chat.id, user: users[0].id)?.lastReadSeq == 5)
            await expectDomainError("NOT_FOUND") {
                _ = try await repos.messages.advanceReadPointer(chat: chat.id, user: users[1].id, to: 1)
            }
        }
    }

    @Test(arguments: repositoryFactories)
    func unreadCountsOthersUndeletedMessagesAfterThePointer(_ factory: any RepositoryFactory) async throws {
        try await withRepositories(factory) { repos in
            let users = try await repos.seedUsers("Alice", "Bob", "Carol")
            let chat = try await repos.seedGroup("g", users)
            #expect(try await repos.messages.unreadCount(chat: chat.id, user: users[0].id) == 0)
            _ = try await repos.messages.append(Fixture.message(chat, from: users[1]))        // 1
            _ = try await repos.messages.append(Fixture.message(chat, from: users[0]))        // 2, own
            let gone = try await repos.messages.append(Fixture.message(chat, from: users[2])) // 3, deleted below
            _ = try await repos.messages.append(Fixture.message(chat, from: users[2]))        // 4
            _ = try await repos.messages.append(Fixture.message(chat, from: users[1]))        // 5
            _ = try await repos.messages.delete(id: gone.message.id, in: chat.id, at: at(9_000))
            #expect(try await repos.messages.unreadCount(chat: chat.id, user: users[0].id) == 3)
            _ = try await repos.messages.advanceReadPointer(chat: chat.id, user: users[0].id, to: 4)
            #expect(try await repos.messages.unreadCount(chat: chat.id, user: users[0].id) == 1)
            // Bob has read nothing: Alice's 2 and Carol's 4 (his own 1 and 5, and the deleted 3, do not count).
            #expect(try await repos.messages.unreadCount(chat: chat.id, user: users[1].id) == 2)
        }
    }
}
