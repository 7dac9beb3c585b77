import ChatDomain
import Foundation
import Hummingbird
import MultipartStreaming

/// Reads one file field out of a `multipart/form-data` request body as it arrives, never holding more than one
/// request chunk: `MultipartParser` (ours, which cannot trap on any input) is fed chunk by chunk and its events
/// are handed on in order.
///
/// The whole request is capped at the file limit plus `envelopeBytes` (part headers, boundaries, small fields)
/// as it arrives (`FileUploadError.tooLarge`), and so is the `Content-Length` before reading. A body that breaks
/// the multipart syntax or its header limits, or ends before its final boundary, is `DomainError.invalid`, so
/// the upload fails and nothing is kept.
final class MultipartFileReader: @unchecked Sendable {
    // Unchecked: one request handler owns a reader and reads it front to back from one task at a time (the route,
    // then the store's `put` through `fileChunks`); nothing reads it concurrently.
    private var parser: MultipartParser
    private var events: [MultipartEvent] = []
    private var position = 0
    private var body: RequestBody.AsyncIterator
    private var received = 0
    private var bodyEnded = false
    private var fileEnded = false
    private let maximumBytes: Int
    private let fileLimit: Int64

    /// What a request may carry besides the file's bytes.
    static let envelopeBytes = 16 * 1024

    /// A reader of `request`'s body for a file of at most `fileLimit` bytes. Throws `APIError` 415 unless it is
    /// `multipart/form-data`, `.invalid` without a usable boundary (1 to 200 RFC 2046 boundary characters), and
    /// `FileUploadError.tooLarge` when `Content-Length` already exceeds the file limit plus `envelopeBytes`.
    init(_ request: Request, fileLimit: Int64) throws {
        let maximumBytes = Int(clamping: fileLimit) &+ Self.envelopeBytes
        let contentType = HeaderParameters.parse(request.headers[.contentType] ?? "")
        guard contentType.value == "multipart/form-data" else {
            throw APIError(
                status: .unsupportedMediaType, code: "UNSUPPORTED_MEDIA_TYPE", message: "expected a multipart/form-data body")
        }
        guard let parser = contentType.parameters["boundary"].flatMap({ MultipartParser(boundary: $0) }) else {
            throw DomainError.invalid(field: "Content-Type", reason: "multipart/form-data needs a boundary")
        }
        if let declared = request.headers[.contentLength].flatMap(Int.init), declared > maximumBytes {
            throw FileUploadError.tooLarge(limit: fileLimit)
        }
        self.maximumBytes = maximumBytes
        self.fileLimit = fileLimit
        self.parser = parser
        body = request.body.makeAsyncIterator()
    }

    /// Skips parts until the one whose `Content-Disposition` names `field`, and returns the file name it gives
    /// (`filename*` preferred, "" when none); its bytes are then read through `fileChunks`. Nil when the body
    /// closes without such a part.
    func openFile(field: String) async throws -> String? {
        while let event = try await nextEvent() {
            guard case .part(let headers) = event else { continue }
            let header = headers.last { $0.name.lowercased() == "content-disposition" }
            let disposition = HeaderParameters.parse(header?.value ?? "")
            if disposition.value == "form-data", disposition.parameters["name"] == field {
                let extended = disposition.parameters["filename*"].flatMap(HeaderParameters.extendedValue)
                return extended ?? disposition.parameters["filename"] ?? ""
            }
        }
        return nil
    }

    /// The open file part's bytes, one request chunk's worth at a time; ends at the part's end.
    var fileChunks: FileChunks { FileChunks(reader: self) }

    /// Reads and drops the rest of the body (up to the cap), so the connection stays usable. Errors are ignored:
    /// the file is already whole by then.
    func drain() async {
        while (try? await nextBodyChunk()) != nil {}
    }

    /// The next run of the file's bytes, or nil after its last. Throws `.invalid` when the body ends first.
    fileprivate func nextFileChunk() async throws -> Data? {
        guard !fileEnded else { return nil }
        var chunk = Data()
        while true {
            if position == events.count, !chunk.isEmpty { return chunk }
            guard let event = try await nextEvent() else {
                throw DomainError.invalid(field: "file", reason: "the request ended inside the file")
            }
            switch event {
            case .body(let bytes):
                chunk.append(contentsOf: bytes)
            case .partEnd:
                fileEnded = true
                return chunk.isEmpty ? nil : chunk
            case .part:
                throw DomainError.invalid(field: "body", reason: MultipartError.malformed.description)
            }
        }
    }

    /// The parser's next event, reading the body as needed; nil once the body has ended after its final boundary.
    private func nextEvent() async throws -> MultipartEvent? {
        while position == events.count {
            do {
                guard let buffer = try await nextBodyChunk() else {
                    try parser.finish()
                    return nil
                }
                events = try parser.feed(buffer.readableBytesView)
                position = 0
            } catch let error as MultipartError {
                throw DomainError.invalid(field: "body", reason: error.description)
            }
        }
        defer { position += 1 }
        return events[position]
    }

    private func nextBodyChunk() async throws -> ByteBuffer? {
        guard !bodyEnded else { return nil }
        guard let buffer = try await body.next() else {
            bodyEnded = true
            return nil
        }
        received += buffer.readableBytes
        if received > maximumBytes {
            bodyEnded = true
            throw FileUploadError.tooLarge(limit: fileLimit)
        }
        return buffer
    }

    /// The open file's bytes as the sequence `UploadFile` reads; iterate it once.
    struct FileChunks: AsyncSequence, Sendable {
        typealias Element = Data
        let reader: MultipartFileReader

        struct AsyncIterator: AsyncIteratorProtocol {
            let reader: MultipartFileReader
            mutating func next() async throws -> Data? { try await reader.nextFileChunk() }
        }

        func makeAsyncIterator() -> AsyncIterator { AsyncIterator(reader: reader) }
    }
}
