import Foundation
import HTTPTypes
import Hummingbird
import Testing

@Suite("Who may attach and read files: messages and avatars")
struct FileSharingTests {
    @Test func onlyTheUploaderAttachesAndChatMembersThenReadTheFile() async throws {
        try await withServer { api in
            let alice = try await api.account("alice"), bob = try await api.account("bob"), carol = try await api.account("carol")
            let chat = try await api.send(.post, "/chats", json: ["name": "Team", "participantIds": [bob.id]], token: alice.token)
            let chatID = try #require(chat.object["id"] as? String)
            let bobsFile = try await api.uploadedFileID(SampleFiles.pdf, token: bob.token)
            let borrowed = try await api.send(.post, "/chats/\(chatID)/messages", json: ["content": "mine now", "fileId": bobsFile], token: alice.token)
            #expect(borrowed.status == .badRequest)
            #expect(borrowed.errorCode == "VALIDATION_FAILED")

            let picture = try await api.uploadedFileID(SampleFiles.png, fileName: "dot.png", token: alice.token)
            #expect(try await api.raw(.get, "/files/\(picture)", token: bob.token).status == .notFound)
            let sent = try await api.send(.post, "/chats/\(chatID)/messages", json: ["content": "look", "fileId": picture], token: alice.token)
            #expect(sent.status == .created)
            #expect(sent.object["type"] as? String == "IMAGE")
            #expect(sent.object["fileId"] as? String == picture)

            let seenByBob = try await api.raw(.get, "/files/\(picture)", token: bob.token)
            #expect(seenByBob.status == .ok)
            #expect(seenByBob.bytes == SampleFiles.png)
            #expect(try await api.raw(.get, "/files/\(picture)", token: carol.token).status == .notFound)

            let messageID = try #require(sent.object["id"] as? String)
            #expect(try await api.send(.delete, "/chats/\(chatID)/messages/\(messageID)", token: alice.token).status == .ok)
            #expect(try await api.raw(.get, "/files/\(picture)", token: bob.token).status == .notFound)
            #expect(try await api.raw(.get, "/files/\(picture)", token: alice.token).status == .ok)
        }
    }

    @Test func aUserAvatarIsReadableByAnyoneSignedIn() async throws {
        try await withServer { api in
            let alice = try await api.account("alice"), carol = try await api.account("carol")
            let updated = try await api.upload(SampleFiles.png, fileName: "me.png", token: alice.token, path: "/users/me/avatar", method: .patch)
            #expect(updated.status == .ok)
            #expect(updated.json["email"] as? String == "alice@example.com")
            let avatarURL = try #require(updated.json["avatarUrl"] as? String)
            #expect(avatarURL.hasPrefix("/files/"))
            let seen = try await api.raw(.get, avatarURL, token: carol.token)
            #expect(seen.status == .ok)
            #expect(seen.bytes == SampleFiles.png)
            #expect(try await api.raw(.get, avatarURL, token: nil).status == .unauthorized)
            let profile = try await api.send(.get, "/users/\(alice.id)", token: carol.token)
            #expect(profile.object["avatarUrl"] as? String == avatarURL)
        }
    }

    @Test func anAvatarMustBeAnImage() async throws {
        try await withServer { api in
            let alice = try await api.account("alice")
            let pdf = try await api.upload(SampleFiles.pdf, token: alice.token, path: "/users/me/avatar", method: .patch)
            #expect(pdf.status == .unsupportedMediaType)
            #expect(pdf.errorCode == "UNSUPPORTED_MEDIA_TYPE")
            #expect(try await api.send(.get, "/users/me", token: alice.token).object["avatarUrl"] as? String == nil)
        }
    }

    @Test func onlyAnAdminOrModeratorSetsAGroupAvatar() async throws {
        try await withServer { api in
            let alice = try await api.account("alice"), bob = try await api.account("bob"), carol = try await api.account("carol")
            let chat = try await api.send(.post, "/chats", json: ["name": "Team", "participantIds": [bob.id]], token: alice.token)
            let chatID = try #require(chat.object["id"] as? String)
            let byMember = try await api.upload(SampleFiles.png, token: bob.token, path: "/chats/\(chatID)/avatar", method: .patch)
            #expect(byMember.status == .forbidden)
            #expect(byMember.errorCode == "FORBIDDEN")
            let byStranger = try await api.upload(SampleFiles.png, token: carol.token, path: "/chats/\(chatID)/avatar", method: .patch)
            #expect(byStranger.status == .forbidden)

            let byAdmin = try await api.upload(SampleFiles.png, token: alice.token, path: "/chats/\(chatID)/avatar", method: .patch)
            #expect(byAdmin.status == .ok)
            #expect(byAdmin.json["id"] as? String == chatID)
            let avatarURL = try #require(byAdmin.json["avatarUrl"] as? String)
            #expect(try await api.raw(.get, avatarURL, token: bob.token).bytes == SampleFiles.png)
            let listed = try await api.send(.get, "/chats/\(chatID)", token: bob.token)
            #expect(listed.object["avatarUrl"] as? String == avatarURL)
        }
    }
}
