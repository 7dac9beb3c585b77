import ChatDomain
import Foundation

/// Turns an open file into a stream of chunks, read on demand.
enum LocalFileReader {
    /// Reads `handle` from its current offset in chunks of at most `chunkSize` bytes and closes it at the end.
    /// A read failure ends the stream with `.unavailable`.
    static func chunks(of handle: FileHandle, chunkSize: Int) -> AsyncThrowingStream<Data, any Error> {
        AsyncThrowingStream<Data, any Error>(unfolding: {
            let chunk: Data?
            do {
                chunk = try handle.read(upToCount: chunkSize)
            } catch {
                try? handle.close()
                throw BlobStoreError.unavailable("cannot read blob")
            }
            guard let chunk, !chunk.isEmpty else {
                try? handle.close()
                return nil
            }
            return chunk
        })
    }
}
