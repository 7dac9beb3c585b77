import ChatDomain
import Foundation

/// Streams an async sequence of chunks into a file, one chunk in memory at a time.
enum LocalFileWriter {
    /// Appends every chunk to the (empty, existing) file at `url`, syncs and closes it, and returns the byte count.
    /// Throws `.badBody` when the stream fails or passes `limit` bytes, `.unavailable` when the disk write fails.
    static func write(
        _ chunks: any AsyncSequence<Data, any Error> & Sendable, to url: URL, limit: Int64?
    ) async throws -> Int64 {
        let handle: FileHandle
        do {
            handle = try FileHandle(forWritingTo: url)
        } catch {
            throw BlobStoreError.unavailable("cannot open a temporary file")
        }
        defer { try? handle.close() }
        var written: Int64 = 0
        do {
            for try await chunk in chunks {
                written += Int64(chunk.count)
                if let limit, written > limit {
                    throw BlobStoreError.badBody("body is longer than the declared \(limit) bytes")
                }
                do {
                    try handle.write(contentsOf: chunk)
                } catch {
                    throw BlobStoreError.unavailable("cannot write blob: \(error.localizedDescription)")
                }
            }
            do {
                try handle.synchronize()
            } catch {
                throw BlobStoreError.unavailable("cannot sync blob")
            }
        } catch let error as BlobStoreError {
            throw error
        } catch {
            throw BlobStoreError.badBody("body stream failed: \(error)")
        }
        return written
    }
}
