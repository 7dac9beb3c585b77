import ChatDomain
import Foundation
import Hummingbird
import MultipartKit

/// Reads one file field out of a `multipart/form-data` request body as it arrives, never holding more than one
/// request chunk: MultipartKit 4.7.1's incremental `MultipartParser` (callbacks per header, body slice and part
/// end) is fed chunk by chunk and its events are handed on in order. 4.7.1 has no async streaming parser.
///
/// The whole request is capped at the file limit plus `envelopeBytes` (part headers, boundaries, small fields)
/// as it arrives (`FileUploadError.tooLarge`), and so is the `Content-Length` before reading. A body that breaks the multipart syntax or ends inside the file is
/// `DomainError.invalid`, so the upload fails and nothing is kept.
final class MultipartFileReader: @unchecked Sendable {
    // Unchecked: one request handler owns a reader and reads it front to back from one task at a time (the route,
    // then the store's `put` through `fileChunks`); nothing reads it concurrently.
    private enum Event {
        case header(name: String, value: String)
        case body(ByteBuffer)
        case partEnd
    }

    /// Collects the parser's callbacks; a separate object so the parser does not retain the reader.
    private final class Events {
        var items: [Event] = []
        var position = 0
        var isEmpty: Bool { position >= items.count }
    }

    private let parser: MultipartParser
    private let events = Events()
    private var body: RequestBody.AsyncIterator
    private var received = 0
    private var bodyEnded = false
    private var fileEnded = false
    private let maximumBytes: Int
    private let fileLimit: Int64

    /// What a request may carry besides the file's bytes.
    static let envelopeBytes = 16 * 1024

    /// A reader of `request`'s body for a file of at most `fileLimit` bytes. Throws `APIError` 415 unless it is
    /// `multipart/form-data`, `.invalid` without a boundary, and `FileUploadError.tooLarge` when
    /// `Content-Length` already exceeds the file limit plus `envelopeBytes`.
    init(_ request: Request, fileLimit: Int64) throws {
        let maximumBytes = Int(clamping: fileLimit) &+ Self.envelopeBytes
        let contentType = HeaderParameters.parse(request.headers[.contentType] ?? "")
        guard contentType.value == "multipart/form-data" else {
            throw APIError(
                status: .unsupportedMediaType, code: "UNSUPPORTED_MEDIA_TYPE", message: "expected a multipart/form-data body")
        }
        guard let boundary = contentType.parameters["boundary"], (1...200).contains(boundary.utf8.count) else {
            throw DomainError.invalid(field: "Content-Type", reason: "multipart/form-data needs a boundary")
        }
        if let declared = request.headers[.contentLength].flatMap(Int.init), declared > maximumBytes {
            throw FileUploadError.tooLarge(limit: fileLimit)
        }
        self.maximumBytes = maximumBytes
        self.fileLimit = fileLimit
        parser = MultipartParser(boundary: boundary)
        body = request.body.makeAsyncIterator()
        let events = events
        parser.onHeader = { name, value in events.items.append(.header(name: name, value: value)) }
        parser.onBody = { buffer in events.items.append(.body(buffer)) }
        parser.onPartComplete = { events.items.append(.partEnd) }
    }

    /// Skips parts until the one whose `Content-Disposition` names `field`, and returns the file name it gives
    /// (`filename*` preferred, "" when none); its bytes are then read through `fileChunks`. Nil when the body has
    /// no such part.
    func openFile(field: String) async throws -> String? {
        var headers: [String: String] = [:]
        while let event = try await peek() {
            switch event {
            case .header(let name, let value):
                headers[name.lowercased()] = value
                advance()
            case .body, .partEnd:
                let disposition = HeaderParameters.parse(headers["content-disposition"] ?? "")
                if disposition.value == "form-data", disposition.parameters["name"] == field {
                    let extended = disposition.parameters["filename*"].flatMap(HeaderParameters.extendedValue)
                    return extended ?? disposition.parameters["filename"] ?? ""
                }
                try await skipPart()
                headers = [:]
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
            if events.isEmpty, !chunk.isEmpty { return chunk }
            guard let event = try await peek() else {
                throw DomainError.invalid(field: "file", reason: "the request ended inside the file")
            }
            advance()
            switch event {
            case .body(let buffer):
                buffer.withUnsafeReadableBytes { chunk.append($0.assumingMemoryBound(to: UInt8.self)) }
            case .partEnd:
                fileEnded = true
                return chunk.isEmpty ? nil : chunk
            case .header:
                throw DomainError.invalid(field: "body", reason: "malformed multipart body")
            }
        }
    }

    private func skipPart() async throws {
        while let event = try await peek() {
            advance()
            if case .partEnd = event { return }
        }
    }

    private func peek() async throws -> Event? {
        while events.isEmpty {
            events.items.removeAll(keepingCapacity: true)
            events.position = 0
            guard let buffer = try await nextBodyChunk() else { return nil }
            do {
                try parser.execute(buffer)
            } catch {
                throw DomainError.invalid(field: "body", reason: "malformed multipart body")
            }
        }
        return events.items[events.position]
    }

    private func advance() { events.position += 1 }

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
