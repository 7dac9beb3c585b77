import ChatDomain
import Foundation

/// One `put` in progress: buffers up to `multipartThreshold` bytes, then switches to a multipart upload that
/// sends a part each time `partSize` bytes are buffered. Memory stays at about one threshold plus one part.
///
/// Whoever drives it must call `finish()` after the last chunk, or `abandon()` after a failure, so that no
/// multipart upload is left open and nothing appears under the key.
struct S3Upload {
    let connection: S3Connection
    let key: String
    let contentType: String
    let expectedLength: Int64?

    private var buffer = Data()
    private var received: Int64 = 0
    private var uploadID: String?
    private var completedParts: [(number: Int, etag: String)] = []

    init(connection: S3Connection, key: String, contentType: String, expectedLength: Int64?) {
        self.connection = connection
        self.key = key
        self.contentType = contentType
        self.expectedLength = expectedLength
    }

    private var configuration: S3Configuration { connection.configuration }

    /// Takes the next chunk; may start the multipart upload or send parts. Throws `.badBody` as soon as more
    /// bytes than `expectedLength` arrive.
    mutating func append(_ chunk: Data) async throws {
        received += Int64(chunk.count)
        if let expectedLength, received > expectedLength {
            throw BlobStoreError.badBody("body is longer than the declared \(expectedLength) bytes")
        }
        buffer.append(chunk)
        if uploadID == nil, buffer.count > configuration.multipartThreshold {
            uploadID = try await createMultipartUpload()
        }
        guard uploadID != nil else { return }
        while buffer.count >= configuration.partSize {
            let part = Data(buffer.prefix(configuration.partSize))
            buffer = Data(buffer.dropFirst(configuration.partSize))
            try await uploadPart(part)
        }
    }

    /// Sends what is left and makes the object visible: one PUT, or the last part and CompleteMultipartUpload.
    /// On any failure (including a length mismatch, `.badBody`) the multipart upload is aborted.
    mutating func finish() async throws {
        do {
            if let expectedLength, received != expectedLength {
                throw BlobStoreError.badBody("expected \(expectedLength) bytes, received \(received)")
            }
            guard uploadID != nil else {
                _ = try await connection.perform(
                    .PUT, key: key, headers: [.init("content-type", contentType)], body: buffer,
                    timeout: configuration.transferTimeout)
                return
            }
            if !buffer.isEmpty || completedParts.isEmpty {
                try await uploadPart(buffer)
                buffer = Data()
            }
            try await completeMultipartUpload()
        } catch {
            await abandon()
            throw error
        }
    }

    /// Aborts the multipart upload, if one was started. Best effort: a failure here is not reported, since the
    /// caller is already failing; an unfinished upload stores nothing under the key.
    func abandon() async {
        guard let uploadID else { return }
        _ = try? await connection.perform(
            .DELETE, key: key, query: [.init("uploadId", uploadID)], timeout: configuration.requestTimeout)
    }

    private func createMultipartUpload() async throws -> String {
        let (_, reply) = try await connection.perform(
            .POST, key: key, query: [.init("uploads")], headers: [.init("content-type", contentType)],
            timeout: configuration.requestTimeout)
        guard let id = S3XML.firstValue(of: "UploadId", in: reply), !id.isEmpty else {
            throw BlobStoreError.unavailable("S3 CreateMultipartUpload reply has no UploadId")
        }
        return id
    }

    private mutating func uploadPart(_ part: Data) async throws {
        guard let uploadID else { return }
        let number = completedParts.count + 1
        let (headers, _) = try await connection.perform(
            .PUT, key: key, query: [.init("partNumber", String(number)), .init("uploadId", uploadID)], body: part,
            timeout: configuration.transferTimeout)
        guard let etag = headers.first(name: "etag") else {
            throw BlobStoreError.unavailable("S3 UploadPart reply has no ETag")
        }
        completedParts.append((number, etag))
    }

    private func completeMultipartUpload() async throws {
        guard let uploadID else { return }
        let parts = completedParts.map {
            "<Part><PartNumber>\($0.number)</PartNumber><ETag>\(S3XML.escape($0.etag))</ETag></Part>"
        }
        let body = "<CompleteMultipartUpload>\(parts.joined())</CompleteMultipartUpload>"
        // CompleteMultipartUpload can fail after a 200 status line: the error is then in the body.
        let (_, reply) = try await connection.perform(
            .POST, key: key, query: [.init("uploadId", uploadID)], headers: [.init("content-type", "application/xml")],
            body: Data(body.utf8), timeout: configuration.requestTimeout)
        if reply.contains("<Error>") {
            throw S3ErrorTranslator.error(status: 500, body: reply, key: nil)
        }
    }
}
