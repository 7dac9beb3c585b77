import ChatDomain
import Foundation
import Testing

@Suite("FileRepository contract")
struct FileRepositoryContract {
    @Test(arguments: repositoryFactories)
    func createdFileIsFound(_ factory: any RepositoryFactory) async throws {
        try await withRepositories(factory) { repos in
            let alice = try await repos.seedUsers("Alice")[0]
            let file = Fixture.file(alice, key: "k/1")
            try await repos.files.create(file)
            #expect(try await repos.files.find(id: file.id) == file)
            #expect(try await repos.files.find(id: FileID(UUID())) == nil)
            await expectConflict { try await repos.files.create(Fixture.file(alice, key: "k/1")) }
        }
    }

    @Test(arguments: repositoryFactories)
    func aFileIsSharedWithMembersOfAChatWhoseMessageCarriesIt(_ factory: any RepositoryFactory) async throws {
        try await withRepositories(factory) { repos in
            let users = try await repos.seedUsers("Alice", "Bob", "Carol")
            let chat = try await repos.seedGroup("g", Array(users[0...1]))
            let shared = Fixture.file(users[0])
            let unsent = Fixture.file(users[0])
            try await repos.files.create(shared)
            try await repos.files.create(unsent)
            let sent = try await repos.messages.append(Fixture.message(chat, from: users[0], file: shared.id)).message
            #expect(try await repos.files.isShared(file: shared.id, with: users[1].id))
            #expect(try await repos.files.isShared(file: shared.id, with: users[0].id))
            #expect(try await !repos.files.isShared(file: shared.id, with: users[2].id))
            #expect(try await !repos.files.isShared(file: unsent.id, with: users[1].id))
            _ = try await repos.chats.removeMember(chat: chat.id, user: users[1].id)
            #expect(try await !repos.files.isShared(file: shared.id, with: users[1].id))
            _ = try await repos.messages.delete(id: sent.id, in: chat.id, at: at(9_000))
            #expect(try await !repos.files.isShared(file: shared.id, with: users[0].id))
        }
    }

    @Test(arguments: repositoryFactories)
    func avatarsOfUsersAndChatsAreKnown(_ factory: any RepositoryFactory) async throws {
        try await withRepositories(factory) { repos in
            var alice = try await repos.seedUsers("Alice")[0]
            var chat = try await repos.seedGroup("g", [alice])
            let userAvatar = Fixture.file(alice)
            let chatAvatar = Fixture.file(alice)
            let plain = Fixture.file(alice)
            for file in [userAvatar, chatAvatar, plain] { try await repos.files.create(file) }
            #expect(try await !repos.files.isAvatar(file: userAvatar.id))
            alice.avatarFileID = userAvatar.id
            try await repos.users.updateProfile(alice)
            chat.avatarFileID = chatAvatar.id
            try await repos.chats.update(chat)
            #expect(try await repos.files.isAvatar(file: userAvatar.id))
            #expect(try await repos.files.isAvatar(file: chatAvatar.id))
            #expect(try await !repos.files.isAvatar(file: plain.id))
        }
    }
}
