import ChatDomain
import Foundation
import Testing

@Suite struct FileMessageTests {
    let world = World()

    private func upload(_ kind: StoredFile.Kind, by owner: User) async throws -> StoredFile {
        let id = FileID(UUID())
        let file = StoredFile(
            id: id, ownerID: owner.id, key: "files/\(id)", originalName: "thing", mimeType: "application/octet-stream",
            size: 3, sha256: "abc", kind: kind, createdAt: world.clock.now())
        try await world.files.create(file)
        return file
    }

    private func pair() async throws -> (ada: User, mel: User, chat: ChatID) {
        let ada = try await world.signUp("ada")
        let mel = try await world.signUp("mel")
        return (ada, mel, try await world.group(by: ada, with: [mel]))
    }

    @Test(arguments: [
        (StoredFile.Kind.image, Message.Kind.image), (.audio, .voice), (.video, .video), (.file, .file),
    ])
    func messageTypeFollowsTheAttachedFile(_ fileKind: StoredFile.Kind, _ expected: Message.Kind) async throws {
        let p = try await pair()
        let file = try await upload(fileKind, by: p.mel)
        let message = try await world.send(
            SendMessageRequest(content: nil, kind: .text, fileID: file.id), to: p.chat, from: p.mel.id
        ).message
        #expect(message.kind == expected)
        #expect(message.fileID == file.id)
        #expect(message.content == nil)
    }

    @Test func attachedFileBecomesReadableByTheChatsMembersOnly() async throws {
        let p = try await pair()
        let out = try await world.signUp("out")
        let file = try await upload(.image, by: p.mel)
        #expect(try await !world.files.isShared(file: file.id, with: p.ada.id))
        _ = try await world.send(SendMessageRequest(content: "look", fileID: file.id), to: p.chat, from: p.mel.id)
        #expect(try await world.files.isShared(file: file.id, with: p.ada.id))
        #expect(try await !world.files.isShared(file: file.id, with: out.id))
    }

    @Test func someoneElsesFileIsRefused() async throws {
        let p = try await pair()
        let file = try await upload(.image, by: p.ada)
        await #expect(throws: DomainError.invalid(field: "fileId", reason: "no such file of yours")) {
            try await world.send(SendMessageRequest(content: "mine now", fileID: file.id), to: p.chat, from: p.mel.id)
        }
        await #expect(throws: DomainError.invalid(field: "fileId", reason: "no such file of yours")) {
            try await world.send(SendMessageRequest(content: nil, fileID: FileID(UUID())), to: p.chat, from: p.mel.id)
        }
        #expect(try await world.chats.find(id: p.chat)?.lastSeq == 0)
    }

    @Test func mediaTypeWithoutAFileIsRefused() async throws {
        let p = try await pair()
        await #expect(throws: DomainError.invalid(field: "type", reason: "IMAGE needs a fileId")) {
            try await world.send(SendMessageRequest(content: "pic", kind: .image), to: p.chat, from: p.mel.id)
        }
    }

    @Test func managerSetsTheGroupAvatarFromTheirOwnImage() async throws {
        let p = try await pair()
        let image = try await upload(.image, by: p.ada)
        let overview = try await world.updateChat.avatar(p.chat, by: p.ada.id, file: image)
        #expect(overview.avatarFileID == image.id)
        #expect(try await world.files.isAvatar(file: image.id))
        let cleared = try await world.updateChat.avatar(p.chat, by: p.ada.id, file: nil)
        #expect(cleared.avatarFileID == nil)
    }

    @Test func groupAvatarRefusesMembersOthersFilesAndNonImages() async throws {
        let p = try await pair()
        let melsImage = try await upload(.image, by: p.mel)
        let adasDocument = try await upload(.file, by: p.ada)
        await #expect(throws: DomainError.forbidden("only an ADMIN or MODERATOR may do this")) {
            try await world.updateChat.avatar(p.chat, by: p.mel.id, file: melsImage)
        }
        await #expect(throws: DomainError.forbidden("only the uploader may use this file")) {
            try await world.updateChat.avatar(p.chat, by: p.ada.id, file: melsImage)
        }
        await #expect(throws: DomainError.invalid(field: "file", reason: "must be an image")) {
            try await world.updateChat.avatar(p.chat, by: p.ada.id, file: adasDocument)
        }
        #expect(try await world.getChat(p.chat, for: p.ada.id).avatarFileID == nil)
    }
}
