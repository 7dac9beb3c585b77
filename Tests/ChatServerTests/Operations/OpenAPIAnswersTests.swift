import Foundation
import HTTPTypes
import Hummingbird
import Testing

/// Every status and media type a route really answers is in the document: the answers Schemathesis found
/// undocumented (downloads typed by their content, 415 on avatars, 403 to non-members, 409 on state conflicts).
@Suite("OpenAPI answers")
struct OpenAPIAnswersTests {
    @Test func everyStatusAndMediaTypeTheRoutesAnswerIsDocumented() async throws {
        try await withServer { api in
            let schemas = SchemaConformance(document: try await api.send(.get, "/openapi.json").object)
            func check(_ response: RawResponse, _ method: HTTPRequest.Method, _ path: String, expecting status: HTTPResponse.Status) {
                #expect(response.status == status, "\(method) \(path): \(String(decoding: response.bytes, as: UTF8.self))")
                #expect(
                    schemas.problems(
                        status: Int(response.status.code), contentType: response.headers[.contentType], body: response.bytes,
                        method: method.rawValue, path: path) == [])
            }
            let alice = try await api.account("alice")
            let bob = try await api.account("bob")
            let stranger = try await api.account("carol")
            let chat = try await api.send(.post, "/chats", json: ["name": "Team", "participantIds": [bob.id]], token: alice.token)
            let chatPath = "/chats/\(chat.object["id"] as? String ?? "")"
            let message = try await api.send(.post, "\(chatPath)/messages", json: ["content": "hi"], token: bob.token)
            let messagePath = "\(chatPath)/messages/\(message.object["id"] as? String ?? "")"

            for bytes in [SampleFiles.png, SampleFiles.text, SampleFiles.pdf] {
                let id = try await api.uploadedFileID(bytes, token: alice.token)
                check(try await api.raw(.get, "/files/\(id)", token: alice.token), .get, "/files/{fileId}", expecting: .ok)
            }
            check(
                try await api.upload(SampleFiles.text, token: alice.token, path: "/users/me/avatar", method: .patch),
                .patch, "/users/me/avatar", expecting: .unsupportedMediaType)
            check(
                try await api.upload(SampleFiles.text, token: alice.token, path: "\(chatPath)/avatar", method: .patch),
                .patch, "/chats/{chatId}/avatar", expecting: .unsupportedMediaType)
            check(
                try await api.upload(SampleFiles.elf, token: alice.token), .post, "/files/upload", expecting: .unsupportedMediaType)

            check(try await api.raw(.get, chatPath, token: stranger.token), .get, "/chats/{chatId}", expecting: .forbidden)
            check(
                try await api.raw(.get, "\(chatPath)/participants", token: stranger.token), .get, "/chats/{chatId}/participants",
                expecting: .forbidden)
            check(
                try await api.raw(.get, "\(chatPath)/messages", token: stranger.token), .get, "/chats/{chatId}/messages",
                expecting: .forbidden)
            check(
                try await api.raw(.get, messagePath, token: stranger.token), .get, "/chats/{chatId}/messages/{messageId}",
                expecting: .forbidden)
            check(
                try await api.raw(.post, "\(messagePath)/read", token: stranger.token),
                .post, "/chats/{chatId}/messages/{messageId}/read", expecting: .forbidden)

            _ = try await api.send(.delete, messagePath, token: bob.token)
            check(
                try await api.raw(.patch, messagePath, body: .init(string: #"{"content":"again"}"#), contentType: "application/json",
                    token: bob.token),
                .patch, "/chats/{chatId}/messages/{messageId}", expecting: .conflict)
            check(
                try await api.raw(.patch, "\(chatPath)/participants/\(alice.id)/role", body: .init(string: #"{"role":"MEMBER"}"#),
                    contentType: "application/json", token: alice.token),
                .patch, "/chats/{chatId}/participants/{userId}/role", expecting: .conflict)
        }
    }
}
