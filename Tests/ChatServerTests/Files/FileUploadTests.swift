import Foundation
import HTTPTypes
import Hummingbird
import Testing

@Suite("File uploads and downloads on the local store")
struct FileUploadTests {
    @Test(arguments: [
        (SampleFiles.png, "dot.png", "image/png", "IMAGE", "inline"),
        (SampleFiles.pdf, "report.pdf", "application/pdf", "FILE", "attachment"),
        (SampleFiles.text, "notes.txt", "text/plain", "FILE", "attachment"),
    ])
    func anUploadComesBackByteForByteWithSafeHeaders(
        bytes: [UInt8], name: String, mimeType: String, type: String, disposition: String
    ) async throws {
        try await withServer { api in
            let alice = try await api.account("alice")
            let uploaded = try await api.upload(bytes, fileName: name, declaredType: "application/x-anything", token: alice.token)
            #expect(uploaded.status == .created)
            #expect(uploaded.json["originalName"] as? String == name)
            #expect(uploaded.json["mimeType"] as? String == mimeType)
            #expect(uploaded.json["type"] as? String == type)
            #expect(uploaded.json["size"] as? Int == bytes.count)
            #expect(uploaded.json["createdAt"] as? String != nil)
            #expect(uploaded.json["key"] == nil && uploaded.json["sha256"] == nil)
            let id = try #require(uploaded.json["id"] as? String)

            let download = try await api.raw(.get, "/files/\(id)", token: alice.token)
            #expect(download.status == .ok)
            #expect(download.bytes == bytes)
            #expect(download.headers[.contentType] == mimeType)
            #expect(download.headers[.contentLength] == String(bytes.count))
            #expect(download.headers[HTTPField.Name("X-Content-Type-Options")!] == "nosniff")
            #expect(download.headers[.contentDisposition] == "\(disposition); filename=\"\(name)\"; filename*=UTF-8''\(name)")
        }
    }

    @Test func aDangerousNameIsSanitizedAndQuotedSafely() async throws {
        try await withServer { api in
            let alice = try await api.account("alice")
            let windowsPath = try await api.uploadedFileID(SampleFiles.png, fileName: "C:\\fakepath\\..\\photo \u{202E}ё.png", token: alice.token)
            let photo = try await api.raw(.get, "/files/\(windowsPath)", token: alice.token)
            #expect(photo.headers[.contentDisposition] == "inline; filename=\"photo _.png\"; filename*=UTF-8''photo%20%D1%91.png")

            var body = ByteBuffer(string: "--\(Multipart.boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x.txt\"; ")
            body.writeString("filename*=UTF-8''say%20%22hi%22%0A%D1%91.txt\r\n\r\nhello\r\n--\(Multipart.boundary)--\r\n")
            let quoted = try await api.raw(.post, "/files/upload", body: body, contentType: Multipart.contentType, token: alice.token)
            #expect(quoted.status == .created)
            #expect(quoted.json["originalName"] as? String == "say \"hi\"ё.txt")
            let id = try #require(quoted.json["id"] as? String)
            let download = try await api.raw(.get, "/files/\(id)", token: alice.token)
            #expect(download.headers[.contentDisposition] == "attachment; filename=\"say _hi__.txt\"; filename*=UTF-8''say%20%22hi%22%D1%91.txt")
        }
    }

    @Test func aFileOverTheLimitIsA413AndTheServerStaysUp() async throws {
        try await withServer(configure: { $0.maxUploadBytes = 1000 }) { api in
            let alice = try await api.account("alice")
            // Within limit + envelope by Content-Length, so only the check on arriving bytes can refuse it.
            let midStream = try await api.upload(SampleFiles.text + [UInt8](repeating: 0x61, count: 5000), token: alice.token)
            #expect(midStream.status == .contentTooLarge)
            #expect(midStream.errorCode == "PAYLOAD_TOO_LARGE")
            // Far past it by Content-Length: refused before reading.
            let early = try await api.upload([UInt8](repeating: 0x61, count: 200_000), token: alice.token)
            #expect(early.status == .contentTooLarge)
            #expect(early.errorCode == "PAYLOAD_TOO_LARGE")
            let exactly = try await api.upload([UInt8](repeating: 0x62, count: 1000), token: alice.token)
            #expect(exactly.status == .created)
            #expect(try await api.send(.get, "/users/me", token: alice.token).status == .ok)
        }
    }

    @Test func unknownBytesAre415EvenWhenDeclaredAsPNG() async throws {
        try await withServer { api in
            let alice = try await api.account("alice")
            let elf = try await api.upload(SampleFiles.elf, fileName: "cat.png", declaredType: "image/png", token: alice.token)
            #expect(elf.status == .unsupportedMediaType)
            #expect(elf.errorCode == "UNSUPPORTED_MEDIA_TYPE")
            let random = try await api.upload((0..<4096).map { _ in UInt8.random(in: 0...255) } + [0], declaredType: "image/png", token: alice.token)
            #expect(random.status == .unsupportedMediaType)
        }
    }

    @Test func aBodyWithoutTheFileFieldOrNotMultipartIsRefused() async throws {
        try await withServer { api in
            let alice = try await api.account("alice")
            let wrongField = try await api.raw(
                .post, "/files/upload", body: Multipart.body(SampleFiles.png, field: "attachment"), contentType: Multipart.contentType,
                token: alice.token)
            #expect(wrongField.status == .badRequest)
            #expect(wrongField.errorCode == "VALIDATION_FAILED")
            let json = try await api.raw(.post, "/files/upload", body: ByteBuffer(string: "{}"), contentType: "application/json", token: alice.token)
            #expect(json.status == .unsupportedMediaType)
            #expect(json.errorCode == "UNSUPPORTED_MEDIA_TYPE")
            let noBoundary = try await api.raw(
                .post, "/files/upload", body: ByteBuffer(string: "x"), contentType: "multipart/form-data", token: alice.token)
            #expect(noBoundary.status == .badRequest)
            var truncated = Multipart.body(SampleFiles.pdf)
            truncated.moveWriterIndex(to: truncated.writerIndex - 40)
            let cut = try await api.raw(.post, "/files/upload", body: truncated, contentType: Multipart.contentType, token: alice.token)
            #expect(cut.status == .badRequest)
            let empty = try await api.upload([], token: alice.token)
            #expect(empty.status == .badRequest)
        }
    }

    @Test func otherFieldsBeforeTheFileAreSkipped() async throws {
        try await withServer { api in
            let alice = try await api.account("alice")
            let body = Multipart.body(SampleFiles.png, fileName: "a.png", textFields: [("caption", "hi --there\r\n")])
            let response = try await api.raw(.post, "/files/upload", body: body, contentType: Multipart.contentType, token: alice.token)
            #expect(response.status == .created)
            #expect(response.json["size"] as? Int == SampleFiles.png.count)
        }
    }

    @Test func uploadsNeedASignedInUserAndStrangersCannotReadAFile() async throws {
        try await withServer { api in
            let alice = try await api.account("alice"), mallory = try await api.account("mallory")
            #expect(try await api.upload(SampleFiles.png, token: nil).status == .unauthorized)
            let id = try await api.uploadedFileID(SampleFiles.png, token: alice.token)
            #expect(try await api.raw(.get, "/files/\(id)", token: nil).status == .unauthorized)
            let stranger = try await api.raw(.get, "/files/\(id)", token: mallory.token)
            #expect(stranger.status == .notFound)
            #expect(stranger.errorCode == "NOT_FOUND")
            let unknown = try await api.raw(.get, "/files/\(UUID().uuidString.lowercased())", token: mallory.token)
            #expect(unknown.status == .notFound)
            #expect(unknown.json["error"] as? [String: String] == stranger.json["error"] as? [String: String])
            #expect(try await api.raw(.get, "/files/not-a-uuid", token: alice.token).status == .badRequest)
        }
    }
}
