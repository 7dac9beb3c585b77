import ChatDomain
import Foundation
import Testing

@testable import ChatStorage

/// `S3BlobStore` behaviour beyond the contract, against a real S3 server (SeaweedFS with authentication on).
@Suite(.enabled(if: S3TestEnvironment.isConfigured, "needs CHAT_TEST_S3_ENDPOINT (scripts/services/seaweedfs.sh)"))
struct S3BlobStoreServerTests {
    let store = S3BlobStore(configuration: S3TestEnvironment.configuration())

    private func putText(_ text: String) async throws -> String {
        let key = TestBytes.uniqueKey("presigned.txt")
        let body = Data(text.utf8)
        try await store.put(key: key, contentType: "text/plain", length: Int64(body.count), chunks: TestBytes.stream(body))
        return key
    }

    @Test func wrongSecretKeyIsRejected() async throws {
        let impostor = S3BlobStore(configuration: S3TestEnvironment.configuration(secretKey: "not-the-secret"))
        for operation in [BlobStoreOperation.putSmall, .get, .checkReady, .putLarge] {
            do {
                try await operation.run(on: impostor)
                Issue.record("\(operation) succeeded with a wrong secret")
            } catch {
                guard case .rejected = error as? BlobStoreError else {
                    Issue.record("\(operation): expected .rejected, got \(error)")
                    continue
                }
            }
        }
    }

    @Test func missingBucketIsNotReady() async throws {
        var configuration = S3TestEnvironment.configuration()
        configuration.bucket = "no-such-bucket-\(UUID().uuidString.lowercased().prefix(8))"
        await #expect(throws: BlobStoreError.self) { try await S3BlobStore(configuration: configuration).checkReady() }
    }

    @Test func presignedGetURLServesTheBytesToAPlainClient() async throws {
        let key = try await putText("shared by link")
        let url = try #require(try await store.presignedGetURL(key: key, expiresIn: 300))
        #expect(url.query?.contains("X-Amz-Signature=") == true)
        let (status, body) = try await PlainHTTP.send("GET", url)
        #expect(status == 200)
        #expect(String(decoding: body, as: UTF8.self) == "shared by link")
        try await store.delete(key: key)
    }

    @Test func aPresignedDownloadCarriesTheFileNameAndType() async throws {
        let key = try await putText("minutes")
        let presentation = BlobPresentation(fileName: "Протокол 5 \"final\".txt", contentType: "text/plain")
        let url = try #require(try await store.presignedGetURL(key: key, expiresIn: 300, presentation: presentation))
        let (status, headers, body) = try await PlainHTTP.get(url)
        #expect(status == 200)
        #expect(String(decoding: body, as: UTF8.self) == "minutes")
        #expect(headers["content-disposition"] == ContentDisposition.header(fileName: presentation.fileName, mimeType: "text/plain"))
        #expect(headers["content-type"]?.hasPrefix("text/plain") == true)
        try await store.delete(key: key)
    }

    @Test func tamperedPresignedURLIsRefused() async throws {
        let key = try await putText("not for you")
        let url = try #require(try await store.presignedGetURL(key: key, expiresIn: 300))
        var components = try #require(URLComponents(url: url, resolvingAgainstBaseURL: false))
        components.queryItems = components.queryItems?.map { item in
            guard item.name == "X-Amz-Signature", let value = item.value else { return item }
            return URLQueryItem(name: item.name, value: (value.first == "0" ? "1" : "0") + value.dropFirst())
        }
        let tampered = try #require(components.url)
        #expect(tampered != url)
        #expect(try await PlainHTTP.send("GET", tampered).status == 403)
        let otherKey = try #require(URL(string: url.absoluteString.replacingOccurrences(of: key, with: key + "x")))
        #expect(try await PlainHTTP.send("GET", otherKey).status == 403)
        try await store.delete(key: key)
    }

    @Test func expiredPresignedURLIsRefused() async throws {
        let key = try await putText("short-lived")
        let url = try #require(try await store.presignedGetURL(key: key, expiresIn: 1))
        try await Task.sleep(for: .seconds(2.5))
        #expect(try await PlainHTTP.send("GET", url).status == 403)
        try await store.delete(key: key)
    }

    @Test func presignedPutURLAcceptsAnUploadFromAPlainClient() async throws {
        let key = TestBytes.uniqueKey("uploaded.txt")
        let url = try #require(try store.presignedPutURL(key: key, expiresIn: 300))
        let (status, _) = try await PlainHTTP.send("PUT", url, body: Data("direct upload".utf8))
        #expect(status == 200)
        let content = try await store.get(key: key)
        #expect(try await TestBytes.collect(content).data == Data("direct upload".utf8))
        try await store.delete(key: key)
    }

    @Test func bodiesPastTheThresholdAreUploadedInParts() async throws {
        let key = TestBytes.uniqueKey("parts.bin")
        let body = TestBytes.random(count: 12 * 1024 * 1024)
        try await store.put(key: key, contentType: "video/mp4", length: nil, chunks: TestBytes.stream(body))
        // A multipart object's ETag is "<md5 of the part md5s>-<part count>": 5 + 5 + 2 MiB is three parts.
        let (headers, _) = try await store.connection.perform(.HEAD, key: key, timeout: .seconds(10))
        #expect(headers.first(name: "etag")?.hasSuffix("-3\"") == true, "ETag \(headers.first(name: "etag") ?? "-")")
        try await store.delete(key: key)
    }

    @Test func bodiesUpToTheThresholdAreOnePut() async throws {
        let key = TestBytes.uniqueKey("single.bin")
        let body = TestBytes.random(count: 5 * 1024 * 1024)
        try await store.put(key: key, contentType: "video/mp4", length: nil, chunks: TestBytes.stream(body))
        let (headers, _) = try await store.connection.perform(.HEAD, key: key, timeout: .seconds(10))
        #expect(headers.first(name: "etag")?.contains("-") == false, "ETag \(headers.first(name: "etag") ?? "-")")
        try await store.delete(key: key)
    }
}
