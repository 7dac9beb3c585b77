import ChatDomain
import ChatStorage
import Foundation
import Testing

/// `LocalBlobStore` behaviour beyond the contract: where bytes land and what is left behind.
@Suite final class LocalBlobStoreTests {
    let root = TemporaryDirectory.make()
    let store: LocalBlobStore

    init() { store = LocalBlobStore(root: root) }
    deinit { try? FileManager.default.removeItem(at: root) }

    private func partialFiles() -> [String] {
        (try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent(".partial").path)) ?? []
    }

    @Test func blobsAreStoredUnderTheRootAtTheirKey() async throws {
        try await store.put(key: "files/2026/ab/cd.bin", contentType: "application/pdf", length: 4, chunks: TestBytes.stream(Data("%PDF".utf8)))
        let data = try Data(contentsOf: root.appendingPathComponent("files/2026/ab/cd.bin"))
        #expect(data == Data("%PDF".utf8))
        #expect(partialFiles().isEmpty)
    }

    @Test func failedPutsLeaveNoTemporaryFiles() async throws {
        await #expect(throws: BlobStoreError.self) {
            try await self.store.put(key: "a", contentType: "text/plain", length: 99, chunks: TestBytes.stream(Data("short".utf8)))
        }
        await #expect(throws: BlobStoreError.self) {
            try await self.store.put(key: "b", contentType: "text/plain", length: nil, chunks: TestBytes.failingStream(after: Data("x".utf8)))
        }
        #expect(partialFiles().isEmpty)
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("a").path))
    }

    @Test func aFailedOverwriteKeepsTheOldBlob() async throws {
        try await store.put(key: "keep", contentType: "text/plain", length: 3, chunks: TestBytes.stream(Data("old".utf8)))
        await #expect(throws: BlobStoreError.self) {
            try await self.store.put(key: "keep", contentType: "text/plain", length: nil, chunks: TestBytes.failingStream(after: Data("new".utf8)))
        }
        #expect(try await TestBytes.collect(try await store.get(key: "keep")).data == Data("old".utf8))
    }

    @Test func getStreamsInChunksOfAtMost64KiB() async throws {
        let body = TestBytes.random(count: 200_000)
        try await store.put(key: "chunked", contentType: "application/octet-stream", length: nil, chunks: TestBytes.stream(body))
        var sizes: [Int] = []
        for try await chunk in try await store.get(key: "chunked").chunks { sizes.append(chunk.count) }
        #expect(sizes == [65_536, 65_536, 65_536, 3_392])
    }

    @Test func presignedGetURLIsNil() async throws {
        #expect(try await store.presignedGetURL(key: "any/key", expiresIn: 60) == nil)
    }

    @Test func keysThatLookLikeTheStoresOwnFoldersAreRejected() async throws {
        for key in [".partial/x", ".meta/x", "a/.hidden"] {
            await #expect(throws: BlobStoreError.rejected("key segment starts with a dot")) {
                try await self.store.put(key: key, contentType: "text/plain", length: 1, chunks: TestBytes.stream(Data("x".utf8)))
            }
        }
    }

    @Test func unwritableRootIsNotReady() async throws {
        let file = root.appendingPathComponent("plain-file")
        try Data("x".utf8).write(to: file)
        let store = LocalBlobStore(root: file.appendingPathComponent("sub"))
        await #expect(throws: BlobStoreError.self) { try await store.checkReady() }
    }
}
