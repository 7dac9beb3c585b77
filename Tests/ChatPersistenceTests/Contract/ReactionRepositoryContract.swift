import ChatDomain
import Foundation
import Testing

@Suite("ReactionRepository contract")
struct ReactionRepositoryContract {
    @Test(arguments: repositoryFactories)
    func reactionsAreCountedPerEmojiInOrderOfFirstUseAndAddingTwiceChangesNothing(_ factory: any RepositoryFactory)
        async throws
    {
        try await withRepositories(factory) { repos in
            let users = try await repos.seedUsers("Alice", "Bob", "Carol")
            let chat = try await repos.seedGroup("g", users)
            let message = try await repos.messages.append(Fixture.message(chat, from: users[0])).message
            #expect(message.reactions == [])

            let first = try await repos.reactions.add("👍", to: message.id, in: chat.id, by: users[1].id, at: at(2_000))
            #expect(first == ReactionChange(reactions: [.init(emoji: "👍", count: 1)], mine: ["👍"], changed: true))
            _ = try await repos.reactions.add("❤️", to: message.id, in: chat.id, by: users[2].id, at: at(2_001))
            _ = try await repos.reactions.add("👍", to: message.id, in: chat.id, by: users[2].id, at: at(2_002))
            let bobs = try await repos.reactions.add("🎉", to: message.id, in: chat.id, by: users[1].id, at: at(2_003))
            let expected: [ReactionCount] = [.init(emoji: "👍", count: 2), .init(emoji: "❤️", count: 1), .init(emoji: "🎉", count: 1)]
            #expect(bobs == ReactionChange(reactions: expected, mine: ["👍", "🎉"], changed: true))

            let again = try await repos.reactions.add("👍", to: message.id, in: chat.id, by: users[1].id, at: at(2_004))
            #expect(again == ReactionChange(reactions: expected, mine: ["👍", "🎉"], changed: false))

            // Whatever reads the message reads its reactions: one message, a history page, the chat list.
            #expect(try await repos.messages.find(id: message.id, in: chat.id)?.reactions == expected)
            #expect(try await repos.messages.page(of: chat.id, from: .latest, limit: 10).items.map(\.reactions) == [expected])
            #expect(try await repos.chats.summaries(for: users[0].id).first?.lastMessage?.reactions == expected)
            #expect(try await repos.chats.summary(of: chat.id, for: users[1].id)?.lastMessage?.reactions == expected)
        }
    }

    @Test(arguments: repositoryFactories)
    func removingDropsTheReactionAndAnEmojiNobodyUsesAnyMore(_ factory: any RepositoryFactory) async throws {
        try await withRepositories(factory) { repos in
            let users = try await repos.seedUsers("Alice", "Bob")
            let chat = try await repos.seedGroup("g", users)
            let message = try await repos.messages.append(Fixture.message(chat, from: users[0])).message
            _ = try await repos.reactions.add("👍", to: message.id, in: chat.id, by: users[0].id, at: at(2_000))
            _ = try await repos.reactions.add("👍", to: message.id, in: chat.id, by: users[1].id, at: at(2_001))
            _ = try await repos.reactions.add("😂", to: message.id, in: chat.id, by: users[1].id, at: at(2_002))

            let removed = try await repos.reactions.remove("👍", from: message.id, in: chat.id, by: users[1].id)
            #expect(
                removed
                    == ReactionChange(
                        reactions: [.init(emoji: "👍", count: 1), .init(emoji: "😂", count: 1)], mine: ["😂"], changed: true))
            let absent = try await repos.reactions.remove("👍", from: message.id, in: chat.id, by: users[1].id)
            #expect(absent == ReactionChange(reactions: removed.reactions, mine: ["😂"], changed: false))

            _ = try await repos.reactions.remove("😂", from: message.id, in: chat.id, by: users[1].id)
            let last = try await repos.reactions.remove("👍", from: message.id, in: chat.id, by: users[0].id)
            #expect(last == ReactionChange(reactions: [], mine: [], changed: true))
            #expect(try await repos.messages.find(id: message.id, in: chat.id)?.reactions == [])
        }
    }

    @Test(arguments: repositoryFactories)
    func anEmojiUsedAgainAfterItsLastReactionWentComesLast(_ factory: any RepositoryFactory) async throws {
        try await withRepositories(factory) { repos in
            let users = try await repos.seedUsers("Alice", "Bob")
            let chat = try await repos.seedGroup("g", users)
            let message = try await repos.messages.append(Fixture.message(chat, from: users[0])).message
            _ = try await repos.reactions.add("👍", to: message.id, in: chat.id, by: users[0].id, at: at(2_000))
            _ = try await repos.reactions.add("❤️", to: message.id, in: chat.id, by: users[1].id, at: at(2_001))
            _ = try await repos.reactions.remove("👍", from: message.id, in: chat.id, by: users[0].id)
            let back = try await repos.reactions.add("👍", to: message.id, in: chat.id, by: users[1].id, at: at(2_002))
            #expect(back.reactions == [.init(emoji: "❤️", count: 1), .init(emoji: "👍", count: 1)])
            #expect(back.mine == ["❤️", "👍"])
        }
    }

    @Test(arguments: repositoryFactories)
    func aMessageOutsideTheChatIsNotFound(_ factory: any RepositoryFactory) async throws {
        try await withRepositories(factory) { repos in
            let users = try await repos.seedUsers("Alice")
            let chat = try await repos.seedGroup("g", users)
            let other = try await repos.seedGroup("h", users)
            let message = try await repos.messages.append(Fixture.message(chat, from: users[0])).message
            await expectDomainError("NOT_FOUND") {
                _ = try await repos.reactions.add("👍", to: message.id, in: other.id, by: users[0].id, at: at(2_000))
            }
            await expectDomainError("NOT_FOUND") {
                _ = try await repos.reactions.remove("👍", from: MessageID(UUID()), in: chat.id, by: users[0].id)
            }
            #expect(try await repos.messages.find(id: message.id, in: chat.id)?.reactions == [])
        }
    }

    @Test(arguments: repositoryFactories)
    func aDeletedMessageLosesItsReactionsAndTakesNoMore(_ factory: any RepositoryFactory) async throws {
        try await withRepositories(factory) { repos in
            let users = try await repos.seedUsers("Alice", "Bob")
            let chat = try await repos.seedGroup("g", users)
            let message = try await repos.messages.append(Fixture.message(chat, from: users[0])).message
            _ = try await repos.reactions.add("👍", to: message.id, in: chat.id, by: users[1].id, at: at(2_000))
            let tombstone = try #require(try await repos.messages.delete(id: message.id, in: chat.id, at: at(3_000)))
            #expect(tombstone.reactions == [])
            #expect(try await repos.messages.find(id: message.id, in: chat.id)?.reactions == [])
            #expect(try await repos.reactions.mine(by: users[1].id, on: [message.id]) == [:])
            await expectConflict {
                _ = try await repos.reactions.add("👍", to: message.id, in: chat.id, by: users[1].id, at: at(4_000))
            }
            await expectConflict {
                _ = try await repos.reactions.remove("👍", from: message.id, in: chat.id, by: users[1].id)
            }
        }
    }

    @Test(arguments: repositoryFactories)
    func mineAnswersForAWholePageAtOnce(_ factory: any RepositoryFactory) async throws {
        try await withRepositories(factory) { repos in
            let users = try await repos.seedUsers("Alice", "Bob")
            let chat = try await repos.seedGroup("g", users)
            var ids: [MessageID] = []
            for index in 0..<4 {
                ids.append(try await repos.messages.append(Fixture.message(chat, from: users[0], "m\(index)")).message.id)
            }
            _ = try await repos.reactions.add("👍", to: ids[0], in: chat.id, by: users[1].id, at: at(2_000))
            _ = try await repos.reactions.add("🔥", to: ids[2], in: chat.id, by: users[1].id, at: at(2_001))
            _ = try await repos.reactions.add("👀", to: ids[2], in: chat.id, by: users[1].id, at: at(2_002))
            _ = try await repos.reactions.add("👍", to: ids[3], in: chat.id, by: users[0].id, at: at(2_003))
            #expect(try await repos.reactions.mine(by: users[1].id, on: ids) == [ids[0]: ["👍"], ids[2]: ["🔥", "👀"]])
            #expect(try await repos.reactions.mine(by: users[0].id, on: ids) == [ids[3]: ["👍"]])
            #expect(try await repos.reactions.mine(by: users[1].id, on: []) == [:])
        }
    }

    /// Many members react and unreact on one message at once: no count is lost or doubled.
    @Test(arguments: repositoryFactories)
    func concurrentReactionsKeepTheSummaryExact(_ factory: any RepositoryFactory) async throws {
        try await withRepositories(factory) { repos in
            var users: [User] = []
            for index in 0..<12 {
                let user = Fixture.user("User\(index)")
                try await repos.users.create(user)
                users.append(user)
            }
            let chat = try await repos.seedGroup("g", users)
            let message = try await repos.messages.append(Fixture.message(chat, from: users[0])).message
            let emoji = ["👍", "❤️", "😂"]
            let reactions = repos.reactions
            try await withThrowingTaskGroup(of: Void.self) { group in
                for (index, user) in users.enumerated() {
                    for (offset, emoji) in emoji.enumerated() {
                        group.addTask {
                            _ = try await reactions.add(emoji, to: message.id, in: chat.id, by: user.id, at: at(2_000 + Int64(index)))
                            // Every third user takes their laugh back at once.
                            if offset == 2, index.isMultiple(of: 3) {
                                _ = try await reactions.remove(emoji, from: message.id, in: chat.id, by: user.id)
                            }
                        }
                    }
                }
                try await group.waitForAll()
            }
            let summary = try #require(try await repos.messages.find(id: message.id, in: chat.id)).reactions
            #expect(Set(summary.map(\.emoji)) == Set(emoji))
            #expect(summary.first { $0.emoji == "👍" }?.count == 12)
            #expect(summary.first { $0.emoji == "❤️" }?.count == 12)
            #expect(summary.first { $0.emoji == "😂" }?.count == 8)
            let after = try await repos.reactions.add("👍", to: message.id, in: chat.id, by: users[0].id, at: at(3_000))
            #expect(after.reactions == summary && !after.changed)
        }
    }
}
