import ChatDomain
import Foundation
import Testing

@Suite("MessageRepository history and concurrency contract")
struct MessageHistoryContract {
    @Test(arguments: repositoryFactories)
    func historyPagesLatestBeforeAndAfterInAscendingOrder(_ factory: any RepositoryFactory) async throws {
        try await withRepositories(factory) { repos in
            let users = try await repos.seedUsers("Alice")
            let chat = try await repos.seedGroup("g", users)
            for index in 1...7 {
                _ = try await repos.messages.append(Fixture.message(chat, from: users[0], "m\(index)", at: Int64(index)))
            }
            func seqs(_ cursor: HistoryCursor, _ limit: Int) async throws -> ([Int64], Bool) {
                let page = try await repos.messages.page(of: chat.id, from: cursor, limit: limit)
                return (page.items.map(\.seq), page.hasMore)
            }
            #expect(try await seqs(.latest, 3) == ([5, 6, 7], true))
            #expect(try await seqs(.latest, 7) == ([1, 2, 3, 4, 5, 6, 7], false))
            #expect(try await seqs(.latest, 100) == ([1, 2, 3, 4, 5, 6, 7], false))
            #expect(try await seqs(.before(5), 3) == ([2, 3, 4], true))
            #expect(try await seqs(.before(4), 3) == ([1, 2, 3], false))
            #expect(try await seqs(.before(1), 3) == ([], false))
            #expect(try await seqs(.after(3), 3) == ([4, 5, 6], true))
            #expect(try await seqs(.after(4), 3) == ([5, 6, 7], false))
            #expect(try await seqs(.after(7), 3) == ([], false))
            #expect(try await seqs(.after(0), 2) == ([1, 2], true))
            let page = try await repos.messages.page(of: chat.id, from: .latest, limit: 1)
            #expect(page.items.map(\.content) == ["m7"])
        }
    }

    @Test(arguments: repositoryFactories)
    func historyOfAnEmptyChatIsEmpty(_ factory: any RepositoryFactory) async throws {
        try await withRepositories(factory) { repos in
            let chat = try await repos.seedGroup("g", try await repos.seedUsers("Alice"))
            #expect(try await repos.messages.page(of: chat.id, from: .latest, limit: 50) == MessagePage(items: [], hasMore: false))
            await expectDomainError("VALIDATION_FAILED") {
                _ = try await repos.messages.page(of: chat.id, from: .latest, limit: 0)
            }
        }
    }

    @Test(arguments: repositoryFactories)
    func concurrentAppendsGetUniqueGapFreeSequenceNumbers(_ factory: any RepositoryFactory) async throws {
        try await withRepositories(factory) { repos in
            let users = try await repos.seedUsers("Alice", "Bob")
            let chat = try await repos.seedGroup("g", users)
            let seqs = try await withThrowingTaskGroup(of: Int64.self) { group in
                for index in 0..<50 {
                    let new = Fixture.message(chat, from: users[index % 2], "m\(index)", at: Int64(index))
                    group.addTask { try await repos.messages.append(new).message.seq }
                }
                return try await group.reduce(into: [Int64]()) { $0.append($1) }
            }
            #expect(seqs.sorted() == Array(1...50))
            #expect(try await repos.chats.find(id: chat.id)?.lastSeq == 50)
            let page = try await repos.messages.page(of: chat.id, from: .latest, limit: 100)
            #expect(page.items.map(\.seq) == Array(1...50))
        }
    }

    @Test(arguments: repositoryFactories)
    func concurrentRetriesOfOneClientMessageIdStoreOneMessage(_ factory: any RepositoryFactory) async throws {
        try await withRepositories(factory) { repos in
            let users = try await repos.seedUsers("Alice")
            let chat = try await repos.seedGroup("g", users)
            let results = try await withThrowingTaskGroup(of: (message: Message, created: Bool).self) { group in
                for _ in 0..<10 {
                    let retry = Fixture.message(chat, from: users[0], "once", clientID: "retry-me")
                    group.addTask { try await repos.messages.append(retry) }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(results.filter(\.created).count == 1)
            #expect(Set(results.map(\.message.id)).count == 1)
            #expect(try await repos.messages.page(of: chat.id, from: .latest, limit: 50).items.count == 1)
            #expect(try await repos.chats.find(id: chat.id)?.lastSeq == 1)
        }
    }

    @Test(arguments: repositoryFactories)
    func concurrentReadPointerMovesKeepTheHighest(_ factory: any RepositoryFactory) async throws {
        try await withRepositories(factory) { repos in
            let users = try await repos.seedUsers("Alice")
            let chat = try await repos.seedGroup("g", users)
            let targets = (1...30).map(Int64.init).shuffled()
            let results = try await withThrowingTaskGroup(of: (Int64, Int64).self) { group in
                for target in targets {
                    group.addTask {
                        (target, try await repos.messages.advanceReadPointer(chat: chat.id, user: users[0].id, to: target))
                    }
                }
                return try await group.reduce(into: [(Int64, Int64)]()) { $0.append($1) }
            }
            #expect(results.allSatisfy { requested, after in after >= requested })
            #expect(try await repos.chats.membership(chat: chat.id, user: users[0].id)?.lastReadSeq == 30)
        }
    }
}
