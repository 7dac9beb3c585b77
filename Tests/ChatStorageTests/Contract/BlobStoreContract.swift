import ChatDomain
import Foundation
import Testing

/// The behaviour every `BlobStore` must have. Each adapter's suite calls every function here.
/// `multipartBodySize` must be larger than the store's multipart threshold, where it has one.
enum BlobStoreContract {
    static func smallBodyRoundTrips(_ store: some BlobStore) async throws {
        let key = TestBytes.uniqueKey("small.txt")
        let body = Data("hello, blob".utf8)
        try await store.put(key: key, contentType: "text/plain", length: Int64(body.count), chunks: TestBytes.stream(body))
        let content = try await store.get(key: key)
        #expect(content.info == BlobInfo(size: Int64(body.count), contentType: "text/plain"))
        #expect(try await TestBytes.collect(content).data == body)
        try await store.delete(key: key)
    }

    static func multiChunkBodyRoundTrips(_ store: some BlobStore) async throws {
        let key = TestBytes.uniqueKey("multi.bin")
        let body = TestBytes.random(count: 300_001)
        try await store.put(key: key, contentType: "application/octet-stream", length: nil, chunks: TestBytes.stream(body, chunkSize: 7_000))
        let content = try await store.get(key: key)
        #expect(content.info.size == Int64(body.count))
        let received = try await TestBytes.collect(content)
        #expect(received.data == body)
        #expect(received.chunks > 1, "a 300 kB body should arrive in more than one chunk")
        try await store.delete(key: key)
    }

    static func bodyPastTheMultipartThresholdRoundTrips(_ store: some BlobStore, size: Int) async throws {
        let key = TestBytes.uniqueKey("large.bin")
        let body = TestBytes.random(count: size, seed: 42)
        try await store.put(key: key, contentType: "video/mp4", length: Int64(size), chunks: TestBytes.stream(body))
        #expect(try await store.head(key: key) == BlobInfo(size: Int64(size), contentType: "video/mp4"))
        let received = try await TestBytes.collect(try await store.get(key: key))
        #expect(received.data.count == size)
        #expect(TestBytes.sha256(received.data) == TestBytes.sha256(body))
        try await store.delete(key: key)
    }

    static func headReportsSizeAndTypeOrNil(_ store: some BlobStore) async throws {
        let key = TestBytes.uniqueKey("head.png")
        #expect(try await store.head(key: key) == nil)
        try await store.put(key: key, contentType: "image/png", length: 3, chunks: TestBytes.stream(Data([1, 2, 3])))
        #expect(try await store.head(key: key) == BlobInfo(size: 3, contentType: "image/png"))
        try await store.delete(key: key)
    }

    static func deleteIsIdempotent(_ store: some BlobStore) async throws {
        let key = TestBytes.uniqueKey("gone.txt")
        try await store.put(key: key, contentType: "text/plain", length: 1, chunks: TestBytes.stream(Data("x".utf8)))
        try await store.delete(key: key)
        #expect(try await store.head(key: key) == nil)
        try await store.delete(key: key)
        try await store.delete(key: TestBytes.uniqueKey("never-existed"))
    }

    static func getOfMissingKeyThrowsNotFound(_ store: some BlobStore) async throws {
        let key = TestBytes.uniqueKey("missing.txt")
        await #expect(throws: BlobStoreError.notFound(key: key)) { _ = try await store.get(key: key) }
    }

    static func lengthMismatchIsRefusedAndStoresNothing(_ store: some BlobStore, largeSize: Int) async throws {
        let key = TestBytes.uniqueKey("mismatch.bin")
        let body = TestBytes.random(count: 10_000)
        for declared in [Int64(9_999), 10_001] {
            await #expect(throws: BlobStoreError.self) {
                try await store.put(key: key, contentType: "text/plain", length: declared, chunks: TestBytes.stream(body, chunkSize: 1_000))
            }
            #expect(try await store.head(key: key) == nil)
        }
        // Past the multipart threshold the mismatch is found after parts were sent; the upload must be aborted.
        let large = TestBytes.random(count: largeSize)
        do {
            try await store.put(key: key, contentType: "video/mp4", length: Int64(largeSize + 1), chunks: TestBytes.stream(large))
            Issue.record("a body shorter than its declared length was stored")
        } catch let error as BlobStoreError {
            guard case .badBody = error else { throw error }
        }
        #expect(try await store.head(key: key) == nil)
    }

    static func failingStreamStoresNothing(_ store: some BlobStore) async throws {
        let key = TestBytes.uniqueKey("broken.bin")
        do {
            try await store.put(key: key, contentType: "text/plain", length: nil, chunks: TestBytes.failingStream(after: Data("half".utf8)))
            Issue.record("a failing stream was stored")
        } catch let error as BlobStoreError {
            guard case .badBody = error else { throw error }
        }
        #expect(try await store.head(key: key) == nil)
    }

    static func overwriteReplacesTheBlob(_ store: some BlobStore) async throws {
        let key = TestBytes.uniqueKey("overwrite.txt")
        try await store.put(key: key, contentType: "text/plain", length: nil, chunks: TestBytes.stream(Data("first version".utf8)))
        try await store.put(key: key, contentType: "application/pdf", length: 6, chunks: TestBytes.stream(Data("second".utf8)))
        let content = try await store.get(key: key)
        #expect(content.info == BlobInfo(size: 6, contentType: "application/pdf"))
        #expect(try await TestBytes.collect(content).data == Data("second".utf8))
        try await store.delete(key: key)
    }

    static func unsafeKeysAreRejected(_ store: some BlobStore) async throws {
        for key in ["../escape", "a/../../escape", "/etc/passwd", "a//b", "a b", "ä", "", "a/./b", "trailing/"] {
            await #expect(throws: BlobStoreError.self, "key \(key)") {
                try await store.put(key: key, contentType: "text/plain", length: 1, chunks: TestBytes.stream(Data("x".utf8)))
            }
            await #expect(throws: BlobStoreError.self, "key \(key)") { _ = try await store.get(key: key) }
        }
    }

    static func isReady(_ store: some BlobStore) async throws {
        try await store.checkReady()
    }
}
