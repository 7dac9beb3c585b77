import HTTPTypes
import Hummingbird
import Testing

@Suite("Hostile multipart bodies")
struct HostileMultipartTests {
    /// A part header whose name holds UTF-8 bytes: it used to kill the process inside MultipartKit 4.7.1.
    static let highByteHeaderName = ByteBuffer(bytes: Array("--X\r\nX-".utf8) + [0xC3, 0xA9] + Array(": a\r\n\r\nhi\r\n--X--\r\n".utf8))

    @Test func aHeaderNameWithHighBytesIsA400OnEveryUploadRouteAndTheServerStaysUp() async throws {
        try await withServer { api in
            let alice = try await api.account("alice")
            let chat = try await api.send(.post, "/chats", json: ["name": "Avatars", "participantIds": [String]()], token: alice.token)
            let chatID = try #require(chat.object["id"] as? String, "chat: \(chat.text)")
            let routes: [(HTTPRequest.Method, String)] = [(.post, "/files/upload"), (.patch, "/users/me/avatar"), (.patch, "/chats/\(chatID)/avatar")]
            for (method, path) in routes {
                let response = try await api.raw(
                    method, path, body: Self.highByteHeaderName, contentType: "multipart/form-data; boundary=X", token: alice.token)
                #expect(response.status == .badRequest, "\(method) \(path)")
                #expect(response.errorCode == "VALIDATION_FAILED", "\(method) \(path)")
                #expect(try await api.send(.get, "/users/me", token: alice.token).status == .ok)
            }
        }
    }

    @Test func partHeadersPastTheLimitsAreA400() async throws {
        try await withServer { api in
            let alice = try await api.account("alice")
            let longLine = "X-Long: " + String(repeating: "a", count: 9 * 1024)
            let manyLines = (1...33).map { "X-\($0): a" }
            for lines in [[longLine], manyLines] {
                let body = "--X\r\n" + lines.map { $0 + "\r\n" }.joined()
                    + "Content-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n\r\nhi\r\n--X--\r\n"
                let response = try await api.raw(
                    .post, "/files/upload", body: ByteBuffer(string: body), contentType: "multipart/form-data; boundary=X", token: alice.token)
                #expect(response.status == .badRequest)
                #expect(response.errorCode == "VALIDATION_FAILED")
            }
            #expect(try await api.uploadedFileID(SampleFiles.text, token: alice.token).isEmpty == false)
        }
    }
}
