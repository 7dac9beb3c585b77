import ChatDomain
import Crypto
import Foundation

/// Bodies and streams for blob store tests.
enum TestBytes {
    /// `count` pseudo-random bytes (xorshift, fast even in debug builds), different for each `seed`.
    static func random(count: Int, seed: UInt64 = 0x9E37_79B9_7F4A_7C15) -> Data {
        var state = seed | 1
        var data = Data(count: count)
        data.withUnsafeMutableBytes { raw in
            let words = count / 8
            let wordPointer = raw.baseAddress!.assumingMemoryBound(to: UInt64.self)
            for index in 0..<words {
                state ^= state << 13
                state ^= state >> 7
                state ^= state << 17
                wordPointer[index] = state
            }
            for index in (words * 8)..<count { raw[index] = UInt8(truncatingIfNeeded: index) }
        }
        return data
    }

    /// `data` as a stream of `chunkSize`-byte chunks.
    static func stream(_ data: Data, chunkSize: Int = 64 * 1024) -> AsyncThrowingStream<Data, any Error> {
        AsyncThrowingStream { continuation in
            var offset = 0
            while offset < data.count {
                let end = min(offset + chunkSize, data.count)
                continuation.yield(data.subdata(in: offset..<end))
                offset = end
            }
            continuation.finish()
        }
    }

    struct StreamBroke: Error {}

    /// Yields `data`, then fails with `StreamBroke`.
    static func failingStream(after data: Data) -> AsyncThrowingStream<Data, any Error> {
        AsyncThrowingStream { continuation in
            continuation.yield(data)
            continuation.finish(throwing: StreamBroke())
        }
    }

    /// All the bytes of a `get`, and how many chunks they came in.
    static func collect(_ content: BlobContent) async throws -> (data: Data, chunks: Int) {
        var data = Data()
        var chunks = 0
        for try await chunk in content.chunks {
            data.append(chunk)
            chunks += 1
        }
        return (data, chunks)
    }

    static func sha256(_ data: Data) -> String {
        SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }

    /// A key no other test or run uses.
    static func uniqueKey(_ name: String) -> String {
        "test/\(UUID().uuidString.lowercased())/\(name)"
    }
}
