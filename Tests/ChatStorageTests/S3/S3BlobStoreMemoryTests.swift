import ChatDomain
import ChatStorage
import Foundation
import Testing

/// Measures peak memory while a 200 MB body streams through `S3BlobStore.put`. Opt-in (slow): set
/// `CHAT_TEST_MEASURE_MEMORY=1` and run it alone (`--filter S3BlobStoreMemoryTests`), because the peak
/// (VmHWM) is the whole test process's.
@Suite(
    .enabled(
        if: S3TestEnvironment.isConfigured && ProcessInfo.processInfo.environment["CHAT_TEST_MEASURE_MEMORY"] == "1",
        "needs CHAT_TEST_S3_ENDPOINT and CHAT_TEST_MEASURE_MEMORY=1"))
struct S3BlobStoreMemoryTests {
    /// Peak resident set size of this process so far, in bytes (Linux `/proc/self/status` VmHWM).
    static func peakRSS() throws -> Int {
        let status = try String(contentsOfFile: "/proc/self/status", encoding: .utf8)
        let line = try #require(status.split(separator: "\n").first { $0.hasPrefix("VmHWM:") })
        let kilobytes = try #require(Int(line.split(separator: " ", omittingEmptySubsequences: true)[1]))
        return kilobytes * 1024
    }

    @Test func a200MBUploadKeepsMemoryBounded() async throws {
        let configuration = S3TestEnvironment.configuration()
        let store = S3BlobStore(configuration: configuration)
        let chunkSize = 1024 * 1024
        let chunkCount = 200
        let before = try Self.peakRSS()
        let chunks = GeneratedChunks(chunkSize: chunkSize, count: chunkCount)
        let key = TestBytes.uniqueKey("200mb.bin")
        let clock = ContinuousClock()
        let start = clock.now
        try await store.put(key: key, contentType: "video/mp4", length: Int64(chunkSize * chunkCount), chunks: chunks)
        let elapsed = clock.now - start
        let after = try Self.peakRSS()
        #expect(try await store.head(key: key)?.size == Int64(chunkSize * chunkCount))
        try await store.delete(key: key)
        print("200 MB put: peak RSS \(before / 1_048_576) MiB before, \(after / 1_048_576) MiB after, took \(elapsed)")
        #expect(after - before < 64 * 1024 * 1024, "peak grew by \((after - before) / 1_048_576) MiB")
    }
}

/// `count` pseudo-random chunks made on demand, so the test itself never holds the whole body.
struct GeneratedChunks: AsyncSequence, Sendable {
    typealias Element = Data
    let chunkSize: Int
    let count: Int

    struct AsyncIterator: AsyncIteratorProtocol {
        let chunkSize: Int
        var remaining: Int
        mutating func next() async throws -> Data? {
            guard remaining > 0 else { return nil }
            remaining -= 1
            return TestBytes.random(count: chunkSize, seed: UInt64(remaining + 1))
        }
    }

    func makeAsyncIterator() -> AsyncIterator { AsyncIterator(chunkSize: chunkSize, remaining: count) }
}
