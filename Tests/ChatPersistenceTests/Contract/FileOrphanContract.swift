import ChatDomain
import Foundation
import Testing

/// `FileRepository.unreferencedFiles` and `deleteIfUnreferenced`: what the orphan clean-up may delete, and that
/// an attachment racing it never ends up pointing at a deleted file.
@Suite("FileRepository contract: orphans")
struct FileOrphanContract {
    @Test(arguments: repositoryFactories)
    func onlyOldFilesNothingRefersToAreListed(_ factory: any RepositoryFactory) async throws {
        try await withRepositories(factory) { repos in
            var alice = try await repos.seedUsers("Alice")[0]
            var chat = try await repos.seedGroup("g", [alice])
            let orphan = Fixture.file(alice), young = Fixture.file(alice, at: 5_000)
            let attached = Fixture.file(alice), tombstoned = Fixture.file(alice)
            let replacedAvatar = Fixture.file(alice), userAvatar = Fixture.file(alice), chatAvatar = Fixture.file(alice)
            for file in [orphan, young, attached, tombstoned, replacedAvatar, userAvatar, chatAvatar] {
                try await repos.files.create(file)
            }
            _ = try await repos.messages.append(Fixture.message(chat, from: alice, file: attached.id))
            let gone = try await repos.messages.append(Fixture.message(chat, from: alice, file: tombstoned.id)).message
            _ = try await repos.messages.delete(id: gone.id, in: chat.id, at: at(2_000))
            alice.avatarFileID = replacedAvatar.id
            try await repos.users.updateProfile(alice)
            alice.avatarFileID = userAvatar.id
            try await repos.users.updateProfile(alice)
            chat.avatarFileID = chatAvatar.id
            try await repos.chats.update(chat)

            let page = try await repos.files.unreferencedFiles(createdBefore: at(1_000), after: nil, window: 100)
            #expect(page.files == [orphan, replacedAvatar].sorted { $0.id < $1.id })
            #expect(page.next == nil)
            let later = try await repos.files.unreferencedFiles(createdBefore: at(6_000), after: nil, window: 100)
            #expect(Set(later.files.map(\.id)) == [orphan.id, replacedAvatar.id, young.id])
        }
    }

    @Test(arguments: repositoryFactories)
    func windowsVisitEveryFileOnceInIdOrder(_ factory: any RepositoryFactory) async throws {
        try await withRepositories(factory) { repos in
            let alice = try await repos.seedUsers("Alice")[0]
            let chat = try await repos.seedGroup("g", [alice])
            var orphans: [StoredFile] = []
            for index in 0..<7 {
                let file = Fixture.file(alice)
                try await repos.files.create(file)
                if index % 3 == 0 {
                    _ = try await repos.messages.append(Fixture.message(chat, from: alice, file: file.id))
                } else {
                    orphans.append(file)
                }
            }
            var seen: [StoredFile] = []
            var cursor: FileID?
            var calls = 0
            repeat {
                let page = try await repos.files.unreferencedFiles(createdBefore: at(1_000), after: cursor, window: 3)
                #expect(page.files.count <= 3)
                seen += page.files
                cursor = page.next
                calls += 1
            } while cursor != nil && calls < 10
            #expect(calls == 3)
            #expect(seen == orphans.sorted { $0.id < $1.id })
        }
    }

    @Test(arguments: repositoryFactories)
    func onlyAnOldUnreferencedRowIsDeleted(_ factory: any RepositoryFactory) async throws {
        try await withRepositories(factory) { repos in
            var alice = try await repos.seedUsers("Alice")[0]
            var chat = try await repos.seedGroup("g", [alice])
            let orphan = Fixture.file(alice), young = Fixture.file(alice, at: 5_000), attached = Fixture.file(alice)
            let userAvatar = Fixture.file(alice), chatAvatar = Fixture.file(alice)
            for file in [orphan, young, attached, userAvatar, chatAvatar] { try await repos.files.create(file) }
            _ = try await repos.messages.append(Fixture.message(chat, from: alice, file: attached.id))
            alice.avatarFileID = userAvatar.id
            try await repos.users.updateProfile(alice)
            chat.avatarFileID = chatAvatar.id
            try await repos.chats.update(chat)

            for kept in [young, attached, userAvatar, chatAvatar] {
                #expect(try await !repos.files.deleteIfUnreferenced(id: kept.id, createdBefore: at(1_000)))
                #expect(try await repos.files.find(id: kept.id) == kept)
            }
            #expect(try await repos.files.deleteIfUnreferenced(id: orphan.id, createdBefore: at(1_000)))
            #expect(try await repos.files.find(id: orphan.id) == nil)
            #expect(try await !repos.files.deleteIfUnreferenced(id: orphan.id, createdBefore: at(1_000)))
            #expect(try await !repos.files.deleteIfUnreferenced(id: FileID(UUID()), createdBefore: at(1_000)))
        }
    }

    @Test(arguments: repositoryFactories)
    func theAttachmentsOfADeletedChatBecomeUnreferenced(_ factory: any RepositoryFactory) async throws {
        try await withRepositories(factory) { repos in
            let alice = try await repos.seedUsers("Alice")[0]
            var chat = try await repos.seedGroup("g", [alice])
            let attached = Fixture.file(alice), avatar = Fixture.file(alice)
            for file in [attached, avatar] { try await repos.files.create(file) }
            _ = try await repos.messages.append(Fixture.message(chat, from: alice, file: attached.id))
            chat.avatarFileID = avatar.id
            try await repos.chats.update(chat)
            #expect(try await repos.files.unreferencedFiles(createdBefore: at(1_000), after: nil, window: 10).files.isEmpty)
            try await repos.chats.delete(id: chat.id)
            let page = try await repos.files.unreferencedFiles(createdBefore: at(1_000), after: nil, window: 10)
            #expect(Set(page.files.map(\.id)) == [attached.id, avatar.id])
            #expect(try await repos.files.deleteIfUnreferenced(id: attached.id, createdBefore: at(1_000)))
        }
    }

    /// Attaching an old unreferenced file while the clean-up deletes it: exactly one of them wins, and a message
    /// never carries a file that is gone.
    @Test(arguments: repositoryFactories)
    func anAttachmentRacingTheDeletionNeverPointsAtADeletedFile(_ factory: any RepositoryFactory) async throws {
        try await withRepositories(factory) { repos in
            let alice = try await repos.seedUsers("Alice")[0]
            let chat = try await repos.seedGroup("g", [alice])
            var attachments = 0, deletions = 0
            for round in 0..<25 {
                let file = Fixture.file(alice)
                try await repos.files.create(file)
                let message = Fixture.message(chat, from: alice, at: 1_000 + Int64(round), file: file.id)
                async let attach = Self.attach(message, repos.messages)
                async let delete = repos.files.deleteIfUnreferenced(id: file.id, createdBefore: at(1_000))
                let (attached, deleted) = try await (attach, delete)
                #expect(attached != deleted, "round \(round): attached \(attached), deleted \(deleted)")
                let stored = try await repos.messages.find(id: message.id, in: chat.id)
                #expect((stored != nil) == attached)
                #expect((try await repos.files.find(id: file.id) != nil) == attached)
                attachments += attached ? 1 : 0
                deletions += deleted ? 1 : 0
            }
            #expect(attachments + deletions == 25)
        }
    }

    /// True when the message was stored, false when its file was gone (`.notFound`).
    private static func attach(_ message: NewMessage, _ messages: any MessageRepository) async throws -> Bool {
        do {
            _ = try await messages.append(message)
            return true
        } catch let error as DomainError where error.code == "NOT_FOUND" {
            return false
        }
    }
}
