import ChatDomain
import Foundation

/// `BlobStore` in memory: each blob's bytes and content type under its key. A `put` stores nothing unless the
/// whole body arrived with the declared length, so no half-written blob is ever visible. Keys obey the rule of the
/// other stores (see `validate`), so what works here works on disk and on S3. It cannot presign.
public actor MemoryBlobStore: BlobStore {
    private struct Blob {
        var data: Data
        var contentType: String
    }

    /// The size of the chunks `get` streams.
    private static let chunkSize = 64 * 1024

    private var blobs: [String: Blob] = [:]

    /// An empty store.
    public init() {}

    /// Collects the chunks, then stores them under `key`, replacing any earlier blob. Throws
    /// `BlobStoreError.rejected` for a key the stores refuse, `.badBody` when `length` is given and differs from the
    /// bytes received, or the stream fails; nothing is stored then.
    public func put(
        key: String, contentType: String, length: Int64?, chunks: any AsyncSequence<Data, any Error> & Sendable
    ) async throws {
        try Self.validate(key)
        var data = Data()
        do {
            for try await chunk in chunks { data.append(chunk) }
        } catch {
            throw BlobStoreError.badBody("the body stream failed: \(error)")
        }
        if let length, length != Int64(data.count) {
            throw BlobStoreError.badBody("expected \(length) bytes, received \(data.count)")
        }
        blobs[key] = Blob(data: data, contentType: contentType)
    }

    /// The blob's bytes in chunks of at most 64 KiB. Throws `BlobStoreError.notFound` when absent, `.rejected` for
    /// a key the stores refuse.
    public func get(key: String) async throws -> BlobContent {
        try Self.validate(key)
        guard let blob = blobs[key] else { throw BlobStoreError.notFound(key: key) }
        return BlobContent(
            info: BlobInfo(size: Int64(blob.data.count), contentType: blob.contentType),
            chunks: AsyncThrowingStream { continuation in
                for start in stride(from: 0, to: blob.data.count, by: Self.chunkSize) {
                    continuation.yield(blob.data.subdata(in: start..<min(start + Self.chunkSize, blob.data.count)))
                }
                continuation.finish()
            })
    }

    /// Always nil: nothing outside the process can reach the bytes, so the server streams them itself.
    public func presignedGetURL(key: String, expiresIn: Int, presentation: BlobPresentation?) async throws -> URL? {
        nil
    }

    /// Size and content type of the blob, or nil when absent. Throws `BlobStoreError.rejected` for a key the stores
    /// refuse.
    public func head(key: String) async throws -> BlobInfo? {
        try Self.validate(key)
        return blobs[key].map { BlobInfo(size: Int64($0.data.count), contentType: $0.contentType) }
    }

    /// Removes the blob. Idempotent: absent is not an error. Throws `BlobStoreError.rejected` for a key the stores
    /// refuse.
    public func delete(key: String) async throws {
        try Self.validate(key)
        blobs[key] = nil
    }

    /// Never throws: memory is always reachable.
    public func checkReady() async throws {}

    /// Throws `BlobStoreError.rejected` unless `key` is 1...1024 bytes of `[A-Za-z0-9/_.-]` in non-empty
    /// `/`-separated segments none of which starts with `.`: the rule of `ChatStorage`'s stores, which this module
    /// may not import, so a key refused on disk or S3 is refused here too.
    private static func validate(_ key: String) throws {
        guard !key.isEmpty, key.utf8.count <= 1024 else { throw BlobStoreError.rejected("invalid key length") }
        let allowed = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789/_.-".utf8)
        guard key.utf8.allSatisfy(allowed.contains) else { throw BlobStoreError.rejected("invalid character in key") }
        for segment in key.split(separator: "/", omittingEmptySubsequences: false) {
            guard let first = segment.first else { throw BlobStoreError.rejected("empty segment in key") }
            guard first != "." else { throw BlobStoreError.rejected("key segment starts with a dot") }
        }
    }
}
