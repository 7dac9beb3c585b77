import AsyncHTTPClient
import Foundation
import NIOCore

/// Adapts an AsyncHTTPClient response body to the `Data` chunks a `BlobContent` carries, with back-pressure:
/// a chunk is read from the network only when the consumer asks for the next one.
enum S3BodyStream {
    static func chunks(of body: HTTPClientResponse.Body) -> AsyncThrowingStream<Data, any Error> {
        let box = IteratorBox(body.makeAsyncIterator())
        return AsyncThrowingStream<Data, any Error>(unfolding: {
            do {
                guard let buffer = try await box.iterator.next() else { return nil }
                return Data(buffer.readableBytesView)
            } catch {
                throw S3ErrorTranslator.transport(error)
            }
        })
    }

    // AsyncThrowingStream(unfolding:) never calls its closure concurrently, so the iterator is only ever used by
    // one task at a time even though the closure must be Sendable.
    private final class IteratorBox: @unchecked Sendable {
        var iterator: HTTPClientResponse.Body.AsyncIterator
        init(_ iterator: HTTPClientResponse.Body.AsyncIterator) { self.iterator = iterator }
    }
}
