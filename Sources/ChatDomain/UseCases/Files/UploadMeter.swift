import Foundation

/// The bytes of one upload on their way to the store: replays the sample read for type detection, then the
/// rest of the source, counting and hashing each chunk, and fails as soon as more than `limit` bytes arrive.
///
/// It records why it failed, because a store wraps a failing body into its own error: after a failed `put`,
/// `failure` tells a too-large file or a broken request from a storage fault.
final class UploadMeter: @unchecked Sendable {
    // Unchecked: a meter has exactly one consumer (the store's `put`, or the use case before it), which reads it
    // front to back from one task; nothing else touches its state until that consumer has returned.
    enum Failure {
        case tooLarge
        case source(any Error)
    }

    let limit: Int64
    private var sample: Data?
    private var iterator: (any AsyncIteratorProtocol<Data, any Error>)?
    private let hasher: any ContentDigest
    private(set) var size: Int64 = 0
    private(set) var failure: Failure?
    /// True once the source ended normally and every byte was handed on.
    private(set) var isComplete = false

    init(source: any AsyncSequence<Data, any Error>, limit: Int64, digest: any ContentDigest) {
        self.limit = limit
        hasher = digest
        iterator = source.makeAsyncIterator()
    }

    /// Reads from the source until `count` bytes are buffered or it ends; they are replayed by `next`.
    /// Returns the buffered bytes (fewer than `count` only for a shorter file).
    func readSample(_ count: Int) async throws -> Data {
        var buffered = Data()
        while buffered.count < count, let chunk = try await pull() {
            buffered.append(chunk)
        }
        sample = buffered
        return buffered
    }

    /// The next chunk (the sample first), or nil at the end. Throws `FileUploadError.tooLarge` past the limit,
    /// and the source's own error when it fails.
    func next() async throws -> Data? {
        if let pending = sample {
            sample = nil
            if !pending.isEmpty { return pending }
        }
        guard let chunk = try await pull() else {
            isComplete = true
            return nil
        }
        return chunk
    }

    /// The SHA-256 of every byte read so far, hex.
    var sha256: String { hasher.hexDigest() }

    private func pull() async throws -> Data? {
        guard var source = iterator else { return nil }
        let chunk: Data?
        do {
            chunk = try await source.next()
        } catch {
            failure = .source(error)
            iterator = nil
            throw error
        }
        iterator = chunk == nil ? nil : source
        guard let chunk else { return nil }
        size += Int64(chunk.count)
        guard size <= limit else {
            failure = .tooLarge
            iterator = nil
            throw FileUploadError.tooLarge(limit: limit)
        }
        hasher.update(chunk)
        return chunk
    }

    /// The meter as the sequence a `BlobStore` consumes.
    var chunks: Chunks { Chunks(meter: self) }

    struct Chunks: AsyncSequence, Sendable {
        typealias Element = Data
        let meter: UploadMeter

        struct AsyncIterator: AsyncIteratorProtocol {
            let meter: UploadMeter
            mutating func next() async throws -> Data? { try await meter.next() }
        }

        func makeAsyncIterator() -> AsyncIterator { AsyncIterator(meter: meter) }
    }
}
