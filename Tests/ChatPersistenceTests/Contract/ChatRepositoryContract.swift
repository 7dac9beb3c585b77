import ChatDomain
import Foundation
import Testing

@Suite("ChatRepository contract")
struct ChatRepositoryContract {
    @Test(arguments: repositoryFactories)
    func createdGroupIsFoundWithItsMembersOldestFirst(_ factory: any RepositoryFactory) async throws {
        try await withRepositories(factory) { repos in
            let users = try await repos.seedUsers("Alice", "Bob", "Carol")
            let chat = Fixture.group("friends", at: 10)
            try await repos.chats.create(chat, members: [
                Fixture.member(chat, users[1], .member, joined: 12),
                Fixture.member(chat, users[0], .admin, joined: 10),
            ])
            #expect(try await repos.chats.find(id: chat.id) == chat)
            let members = try await repos.chats.members(of: chat.id)
            #expect(members.map(\.userID) == [users[0].id, users[1].id])
            #expect(members.map(\.role) == [.admin, .member])
            #expect(try await repos.chats.membership(chat: chat.id, user: users[1].id)
                == Fixture.member(chat, users[1], .member, joined: 12))
            #expect(try await repos.chats.membership(chat: chat.id, user: users[2].id) == nil)
            #expect(try await repos.chats.find(id: ChatID(UUID())) == nil)
        }
    }

    @Test(arguments: repositoryFactories)
    func createIsAtomicWhenAMemberIsListedTwice(_ factory: any RepositoryFactory) async throws {
        try await withRepositories(factory) { repos in
            let alice = try await repos.seedUsers("Alice")[0]
            let chat = Fixture.group("twice")
            await expectConflict {
                try await repos.chats.create(chat, members: [Fixture.member(chat, alice), Fixture.member(chat, alice)])
            }
            #expect(try await repos.chats.find(id: chat.id) == nil)
            #expect(try await repos.chats.members(of: chat.id).isEmpty)
        }
    }

    @Test(arguments: repositoryFactories)
    func directChatIsTheSameWhicheverSideAsks(_ factory: any RepositoryFactory) async throws {
        try await withRepositories(factory) { repos in
            let users = try await repos.seedUsers("Alice", "Bob")
            let (alice, bob) = (users[0], users[1])
            let fromAlice = Fixture.direct(alice.id, bob.id)
            let first = try await repos.chats.findOrCreateDirect(
                fromAlice, members: [Fixture.member(fromAlice, alice), Fixture.member(fromAlice, bob)])
            #expect(first.created)
            #expect(first.chat == fromAlice)
            let fromBob = Fixture.direct(bob.id, alice.id, at: 50)
            let second = try await repos.chats.findOrCreateDirect(
                fromBob, members: [Fixture.member(fromBob, bob), Fixture.member(fromBob, alice)])
            #expect(!second.created)
            #expect(second.chat == fromAlice)
            #expect(try await repos.chats.find(id: fromBob.id) == nil)
            #expect(try await repos.chats.members(of: fromAlice.id).count == 2)
        }
    }

    @Test(arguments: repositoryFactories)
    func concurrentDirectChatRequestsCreateOneChat(_ factory: any RepositoryFactory) async throws {
        try await withRepositories(factory) { repos in
            let users = try await repos.seedUsers("Alice", "Bob")
            let results = try await withThrowingTaskGroup(of: (chat: Chat, created: Bool).self) { group in
                for index in 0..<10 {
                    let (me, peer) = index.isMultiple(of: 2) ? (users[0], users[1]) : (users[1], users[0])
                    let chat = Fixture.direct(me.id, peer.id)
                    group.addTask {
                        try await repos.chats.findOrCreateDirect(
                            chat, members: [Fixture.member(chat, me), Fixture.member(chat, peer)])
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(Set(results.map(\.chat.id)).count == 1)
            #expect(results.filter(\.created).count == 1)
            #expect(try await repos.chats.summaries(for: users[0].id).count == 1)
            #expect(try await repos.chats.members(of: results[0].chat.id).count == 2)
        }
    }

    @Test(arguments: repositoryFactories)
    func updateReplacesNameAndAvatar(_ factory: any RepositoryFactory) async throws {
        try await withRepositories(factory) { repos in
            let alice = try await repos.seedUsers("Alice")[0]
            var chat = try await repos.seedGroup("old", [alice])
            let avatar = Fixture.file(alice)
            try await repos.files.create(avatar)
            chat.name = "new"
            chat.avatarFileID = avatar.id
            try await repos.chats.update(chat)
            #expect(try await repos.chats.find(id: chat.id) == chat)
            await expectDomainError("NOT_FOUND") { try await repos.chats.update(Fixture.group("ghost")) }
        }
    }

    @Test(arguments: repositoryFactories)
    func deleteRemovesMembershipsAndMessagesAndIsIdempotent(_ factory: any RepositoryFactory) async throws {
        try await withRepositories(factory) { repos in
            let users = try await repos.seedUsers("Alice", "Bob")
            let chat = try await repos.seedGroup("doomed", users)
            let sent = try await repos.messages.append(Fixture.message(chat, from: users[0])).message
            try await repos.chats.delete(id: chat.id)
            #expect(try await repos.chats.find(id: chat.id) == nil)
            #expect(try await repos.chats.members(of: chat.id).isEmpty)
            #expect(try await repos.messages.find(id: sent.id, in: chat.id) == nil)
            #expect(try await repos.chats.summaries(for: users[1].id).isEmpty)
            try await repos.chats.delete(id: chat.id)
        }
    }

    @Test(arguments: repositoryFactories)
    func addingAnExistingMemberIsAConflict(_ factory: any RepositoryFactory) async throws {
        try await withRepositories(factory) { repos in
            let users = try await repos.seedUsers("Alice", "Bob")
            let chat = try await repos.seedGroup("g", [users[0]])
            try await repos.chats.addMember(Fixture.member(chat, users[1], joined: 5))
            #expect(try await repos.chats.membership(chat: chat.id, user: users[1].id)?.role == .member)
            await expectConflict { try await repos.chats.addMember(Fixture.member(chat, users[1], .admin, joined: 9)) }
            #expect(try await repos.chats.membership(chat: chat.id, user: users[1].id)?.role == .member)
        }
    }

    @Test(arguments: repositoryFactories)
    func removeAndSetRoleTellWhetherTheUserWasAMember(_ factory: any RepositoryFactory) async throws {
        try await withRepositories(factory) { repos in
            let users = try await repos.seedUsers("Alice", "Bob", "Carol")
            let chat = try await repos.seedGroup("g", Array(users[0...1]))
            #expect(try await repos.chats.setRole(.moderator, chat: chat.id, user: users[1].id))
            #expect(try await repos.chats.membership(chat: chat.id, user: users[1].id)?.role == .moderator)
            #expect(try await !repos.chats.setRole(.admin, chat: chat.id, user: users[2].id))
            #expect(try await repos.chats.removeMember(chat: chat.id, user: users[1].id))
            #expect(try await !repos.chats.removeMember(chat: chat.id, user: users[1].id))
            #expect(try await repos.chats.members(of: chat.id).map(\.userID) == [users[0].id])
        }
    }

    @Test(arguments: repositoryFactories)
    func theLongestStandingMemberIsPromotedWhenNoAdminIsLeft(_ factory: any RepositoryFactory) async throws {
        try await withRepositories(factory) { repos in
            let users = try await repos.seedUsers("Admin", "Late", "Early")
            let chat = Fixture.group("g")
            // Inserted out of join order, so promotion must look at joinedAt.
            try await repos.chats.create(chat, members: [
                Fixture.member(chat, users[0], .admin, joined: 1),
                Fixture.member(chat, users[1], .member, joined: 30),
                Fixture.member(chat, users[2], .moderator, joined: 20),
            ])
            #expect(try await repos.chats.promoteLongestStandingIfNoAdmin(chat: chat.id) == nil)
            _ = try await repos.chats.removeMember(chat: chat.id, user: users[0].id)
            let promoted = try await repos.chats.promoteLongestStandingIfNoAdmin(chat: chat.id)
            #expect(promoted == Fixture.member(chat, users[2], .admin, joined: 20))
            #expect(try await repos.chats.membership(chat: chat.id, user: users[2].id)?.role == .admin)
            #expect(try await repos.chats.membership(chat: chat.id, user: users[1].id)?.role == .member)
            #expect(try await repos.chats.promoteLongestStandingIfNoAdmin(chat: chat.id) == nil)
        }
    }

    @Test(arguments: repositoryFactories)
    func concurrentPromotionsPromoteOnce(_ factory: any RepositoryFactory) async throws {
        try await withRepositories(factory) { repos in
            let users = try await repos.seedUsers("Alice", "Bob", "Carol")
            let chat = Fixture.group("g")
            try await repos.chats.create(chat, members: users.enumerated().map { Fixture.member(chat, $1, joined: Int64($0)) })
            let promoted = try await withThrowingTaskGroup(of: Membership?.self) { group in
                for _ in 0..<8 { group.addTask { try await repos.chats.promoteLongestStandingIfNoAdmin(chat: chat.id) } }
                return try await group.reduce(into: [Membership]()) { if let m = $1 { $0.append(m) } }
            }
            #expect(promoted.map(\.userID) == [users[0].id])
            #expect(try await repos.chats.members(of: chat.id).filter { $0.role == .admin }.count == 1)
        }
    }

    @Test(arguments: repositoryFactories)
    func promotionInAnEmptyChatPromotesNobody(_ factory: any RepositoryFactory) async throws {
        try await withRepositories(factory) { repos in
            let chat = Fixture.group("empty")
            try await repos.chats.create(chat, members: [])
            #expect(try await repos.chats.promoteLongestStandingIfNoAdmin(chat: chat.id) == nil)
        }
    }

    @Test(arguments: repositoryFactories)
    func contactsAreEveryoneSharingAChat(_ factory: any RepositoryFactory) async throws {
        try await withRepositories(factory) { repos in
            let u = try await repos.seedUsers("Alice", "Bob", "Carol", "Dave", "Eve")
            _ = try await repos.seedGroup("g", [u[0], u[1], u[2]])
            _ = try await repos.seedGroup("h", [u[1], u[0]])
            _ = try await repos.seedDirect(u[0], u[3])
            _ = try await repos.seedDirect(u[3], u[4])
            let contacts = try await repos.chats.contacts(of: u[0].id)
            #expect(Set(contacts) == [u[1].id, u[2].id, u[3].id])
            #expect(contacts.count == 3)
            #expect(try await repos.chats.contacts(of: UserID(UUID())).isEmpty)
        }
    }
}
