import ChatDomain
import Foundation
import Testing

@Suite struct DeleteOrphanFilesTests {
    let world = World()
    let blobs = FlakyBlobStore()

    /// A file row and its blob, created now on the world's clock.
    private func stored(by owner: User) async throws -> StoredFile {
        let id = FileID(UUID())
        let file = StoredFile(
            id: id, ownerID: owner.id, key: "files/2027/01/\(id)", originalName: "a.png", mimeType: "image/png",
            size: 3, sha256: "abc", kind: .image, createdAt: world.clock.now())
        try await blobs.put(
            key: file.key, contentType: file.mimeType, length: 3, chunks: AsyncThrowingStream { continuation in
                continuation.yield(Data([1, 2, 3]))
                continuation.finish()
            })
        try await world.files.create(file)
        return file
    }

    private func sweep(window: Int = 500) -> DeleteOrphanFiles {
        DeleteOrphanFiles(files: world.files, blobs: blobs, clock: world.clock, window: window)
    }

    /// Whether the file's row and its blob exist, in that order.
    private func exists(_ file: StoredFile) async throws -> [Bool] {
        [try await world.files.find(id: file.id) != nil, try await blobs.head(key: file.key) != nil]
    }

    @Test func oldFilesNothingRefersToLoseRowAndBlobAndTheOthersStay() async throws {
        let ada = try await world.signUp("ada")
        let chat = try await world.group(by: ada)
        let unsent = try await stored(by: ada), attached = try await stored(by: ada)
        let firstAvatar = try await stored(by: ada), avatar = try await stored(by: ada)
        let groupAvatar = try await stored(by: ada)
        _ = try await world.send(SendMessageRequest(content: "look", fileID: attached.id), to: chat, from: ada.id)
        var profile = try #require(try await world.users.find(id: ada.id))
        profile.avatarFileID = firstAvatar.id
        try await world.users.updateProfile(profile)
        profile.avatarFileID = avatar.id
        try await world.users.updateProfile(profile)
        _ = try await world.updateChat.avatar(chat, by: ada.id, file: groupAvatar)

        #expect(try await sweep()(olderThan: .seconds(3600)) == DeleteOrphanFiles.Report())
        world.clock.advance(by: 3601)
        let young = try await stored(by: ada)
        let report = try await sweep()(olderThan: .seconds(3600))

        #expect(report.deleted == 2)
        #expect(report.blobFailures.isEmpty)
        for gone in [unsent, firstAvatar] { #expect(try await exists(gone) == [false, false]) }
        for kept in [attached, avatar, groupAvatar, young] { #expect(try await exists(kept) == [true, true]) }
    }

    @Test func aStoreFailureIsReportedAndTheRunGoesOn() async throws {
        let ada = try await world.signUp("ada")
        let first = try await stored(by: ada), second = try await stored(by: ada)
        world.clock.advance(by: 61)
        await blobs.failDeletes(true)

        let report = try await sweep()(olderThan: .seconds(60))

        #expect(report.deleted == 0)
        #expect(Set(report.blobFailures.map(\.file)) == [first.id, second.id])
        #expect(Set(report.blobFailures.map(\.key)) == [first.key, second.key])
        // The rows are gone (nothing can reach the bytes any more); the bytes stay until someone removes them.
        #expect(try await exists(first) == [false, true])
        #expect(try await exists(second) == [false, true])
        await blobs.failDeletes(false)
        #expect(try await sweep()(olderThan: .seconds(60)) == DeleteOrphanFiles.Report())
    }

    @Test func everyFileIsVisitedWhateverTheWindow() async throws {
        let ada = try await world.signUp("ada")
        let chat = try await world.group(by: ada)
        var orphans: [StoredFile] = []
        for index in 0..<9 {
            let file = try await stored(by: ada)
            if index % 4 == 0 {
                _ = try await world.send(SendMessageRequest(content: "f", fileID: file.id), to: chat, from: ada.id)
            } else {
                orphans.append(file)
            }
        }
        world.clock.advance(by: 120)

        let report = try await sweep(window: 2)(olderThan: .seconds(60))

        #expect(report.deleted == orphans.count)
        for file in orphans { #expect(try await exists(file) == [false, false]) }
    }
}
