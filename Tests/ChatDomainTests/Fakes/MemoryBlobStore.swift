import ChatDomain
import Foundation

/// Blobs in memory, keyed as a real store keys them; `failDeletes` makes every `delete` fail as an unreachable
/// store would.
actor MemoryBlobStore: BlobStore {
    private(set) var blobs: [String: Data] = [:]
    private var failingDeletes = false

    /// Makes every later `delete` throw `.unavailable` (true) or work again (false).
    func failDeletes(_ fail: Bool) { failingDeletes = fail }

    func put(
        key: String, contentType: String, length: Int64?, chunks: any AsyncSequence<Data, any Error> & Sendable
    ) async throws {
        var data = Data()
        for try await chunk in chunks { data.append(chunk) }
        blobs[key] = data
    }

    func get(key: String) async throws -> BlobContent {
        guard let data = blobs[key] else { throw BlobStoreError.notFound(key: key) }
        return BlobContent(
            info: BlobInfo(size: Int64(data.count), contentType: nil),
            chunks: AsyncThrowingStream { continuation in
                continuation.yield(data)
                continuation.finish()
            })
    }

    func presignedGetURL(key: String, expiresIn: Int, presentation: BlobPresentation?) async throws -> URL? { nil }

    func head(key: String) async throws -> BlobInfo? {
        blobs[key].map { BlobInfo(size: Int64($0.count), contentType: nil) }
    }

    func delete(key: String) async throws {
        guard !failingDeletes else { throw BlobStoreError.unavailable("store down") }
        blobs[key] = nil
    }

    func checkReady() async throws {}
}
