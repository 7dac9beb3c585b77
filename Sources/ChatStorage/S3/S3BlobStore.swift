import AsyncHTTPClient
import ChatDomain
import Foundation
import Logging
import NIOCore
import NIOHTTP1

/// A `BlobStore` on an S3-compatible server (AWS S3, SeaweedFS, MinIO), path-style, signed with SigV4.
///
/// Small bodies are buffered and sent in one PUT whose payload hash is signed; bodies longer than
/// `multipartThreshold` go through a multipart upload, one part in memory at a time, aborted on any failure
/// so nothing is left under the key. `get` streams the reply body. Every request has a deadline.
///
/// The store never shuts its `HTTPClient` down: a client passed in stays the caller's to shut down (after the
/// store's last use). Prefer `makeHTTPClient(for:)`; the default `HTTPClient.shared` (never shut down) retries
/// refused connections until the request deadline, so an unreachable server is only reported at the deadline.
public struct S3BlobStore: BlobStore {
    /// The server, bucket, credentials and limits this store uses.
    public let configuration: S3Configuration
    let connection: S3Connection

    /// A store for `configuration.bucket`. Makes no request; call `checkReady` to verify the bucket is reachable.
    public init(
        configuration: S3Configuration, httpClient: HTTPClient = .shared,
        logger: Logger = Logger(label: "chat.storage.s3")
    ) {
        self.configuration = configuration
        connection = S3Connection(configuration: configuration, client: httpClient, logger: logger)
    }

    /// Stores `chunks` under `key` (single PUT or multipart, by size). Throws `.badBody` when the stream fails or
    /// its length differs from `length` (nothing is stored), `.rejected`/`.unavailable` from the server.
    public func put(
        key: String, contentType: String, length: Int64?, chunks: any AsyncSequence<Data, any Error> & Sendable
    ) async throws {
        try BlobKey.validate(key)
        var upload = S3Upload(connection: connection, key: key, contentType: contentType, expectedLength: length)
        do {
            for try await chunk in chunks {
                try await upload.append(chunk)
            }
        } catch {
            await upload.abandon()
            throw error is BlobStoreError || error is CancellationError
                ? error : BlobStoreError.badBody("body stream failed: \(error)")
        }
        try await upload.finish()
    }

    /// Streams the object. Throws `.notFound` when absent; a transfer failure mid-stream ends the stream with
    /// `.unavailable`.
    public func get(key: String) async throws -> BlobContent {
        try BlobKey.validate(key)
        let response = try await connection.sendExpectingSuccess(.GET, key: key, timeout: configuration.transferTimeout)
        let size = response.headers.first(name: "content-length").flatMap { Int64($0) } ?? -1
        let info = BlobInfo(size: size, contentType: response.headers.first(name: "content-type"))
        return BlobContent(info: info, chunks: S3BodyStream.chunks(of: response.body))
    }

    /// A presigned GET URL for `key`, valid `expiresIn` seconds (clamped to 1...604800). With `presentation`, the
    /// signed `response-content-disposition` and `response-content-type` make S3 answer with the file's name and
    /// type. Makes no request.
    public func presignedGetURL(key: String, expiresIn: Int, presentation: BlobPresentation? = nil) async throws -> URL? {
        try BlobKey.validate(key)
        var query: [AWSSigningRequest.QueryItem] = []
        if let presentation {
            query = [
                .init("response-content-disposition",
                      ContentDisposition.header(fileName: presentation.fileName, mimeType: presentation.contentType)),
                .init("response-content-type", presentation.contentType),
            ]
        }
        return connection.presignedURL(.GET, key: key, query: query, expiresIn: expiresIn)
    }

    /// A presigned PUT URL for `key`, valid `expiresIn` seconds (clamped to 1...604800). Its payload is
    /// unsigned: whoever holds the URL may upload any body. Makes no request.
    public func presignedPutURL(key: String, expiresIn: Int) throws -> URL? {
        try BlobKey.validate(key)
        return connection.presignedURL(.PUT, key: key, expiresIn: expiresIn)
    }

    /// Size and content type from a HEAD, or nil on 404.
    public func head(key: String) async throws -> BlobInfo? {
        try BlobKey.validate(key)
        let response = try await connection.send(.HEAD, key: key, timeout: configuration.requestTimeout)
        if response.status.code == 404 { return nil }
        guard (200..<300).contains(response.status.code) else {
            throw S3ErrorTranslator.error(status: Int(response.status.code), body: "", key: nil)
        }
        let size = response.headers.first(name: "content-length").flatMap { Int64($0) } ?? 0
        return BlobInfo(size: size, contentType: response.headers.first(name: "content-type"))
    }

    /// Deletes the object. Idempotent: S3 answers 204 for a missing key too, and 404 is accepted.
    public func delete(key: String) async throws {
        try BlobKey.validate(key)
        do {
            _ = try await connection.perform(.DELETE, key: key, timeout: configuration.requestTimeout)
        } catch BlobStoreError.notFound {
            return
        }
    }

    /// HEAD on the bucket. Throws `.unavailable` when the server is unreachable, `.rejected` when the
    /// credentials are refused or the bucket does not exist.
    public func checkReady() async throws {
        let response = try await connection.send(.HEAD, key: nil, timeout: configuration.requestTimeout)
        guard (200..<300).contains(response.status.code) else {
            throw S3ErrorTranslator.error(status: Int(response.status.code), body: "", key: nil)
        }
    }
}
