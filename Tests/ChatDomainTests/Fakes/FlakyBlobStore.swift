import ChatDomain
import ChatInMemory
import Foundation

/// A `MemoryBlobStore` whose deletes can be made to fail, as an unreachable store's would.
actor FlakyBlobStore: BlobStore {
    private let blobs = MemoryBlobStore()
    private var failingDeletes = false

    /// Makes every later `delete` throw `.unavailable` (true) or work again (false).
    func failDeletes(_ fail: Bool) { failingDeletes = fail }

    func put(
        key: String, contentType: String, length: Int64?, chunks: any AsyncSequence<Data, any Error> & Sendable
    ) async throws {
        try await blobs.put(key: key, contentType: contentType, length: length, chunks: chunks)
    }

    func get(key: String) async throws -> BlobContent { try await blobs.get(key: key) }

    func presignedGetURL(key: String, expiresIn: Int, presentation: BlobPresentation?) async throws -> URL? {
        try await blobs.presignedGetURL(key: key, expiresIn: expiresIn, presentation: presentation)
    }

    func head(key: String) async throws -> BlobInfo? { try await blobs.head(key: key) }

    func delete(key: String) async throws {
        guard !failingDeletes else { throw BlobStoreError.unavailable("store down") }
        try await blobs.delete(key: key)
    }

    func checkReady() async throws {}
}
