import AsyncHTTPClient
import ChatDomain
import Foundation
import Logging
import NIOCore
import NIOHTTP1

/// Signs and sends S3 requests, and turns failures into `BlobStoreError`.
///
/// Never logs secrets or signatures: only method, bucket-relative key, query names and status.
struct S3Connection: Sendable {
    let configuration: S3Configuration
    let client: HTTPClient
    let logger: Logger
    let signer: AWSSignatureV4

    init(configuration: S3Configuration, client: HTTPClient, logger: Logger) {
        self.configuration = configuration
        self.client = client
        self.logger = logger
        signer = AWSSignatureV4(
            credentials: .init(accessKeyID: configuration.accessKeyID, secretAccessKey: configuration.secretAccessKey),
            region: configuration.region, service: "s3", pathStyle: .s3)
    }

    /// Sends one signed request (`key` nil addresses the bucket) and returns the reply, whatever its status.
    /// Transport failures and the deadline (`timeout`) throw `BlobStoreError.unavailable`.
    func send(
        _ method: HTTPMethod, key: String?, query: [AWSSigningRequest.QueryItem] = [],
        headers extraHeaders: [AWSSigningRequest.Header] = [], body: Data? = nil, timeout: Duration
    ) async throws -> HTTPClientResponse {
        let path = configuration.path(key: key)
        let signingRequest = AWSSigningRequest(
            method: method.rawValue, path: path, query: query,
            headers: [.init("host", configuration.hostHeader)] + extraHeaders)
        let payload: AWSSignatureV4.Payload = body.map { .hashing($0) } ?? .empty
        let signed = signer.signHeaders(signingRequest, payload: payload, date: Date())

        var request = HTTPClientRequest(url: url(path: path, encodedQuery: signed.encodedQuery))
        request.method = method
        for header in signingRequest.headers + signed.headers {
            request.headers.add(name: header.name, value: header.value)
        }
        if let body { request.body = .bytes(body) }

        logger.debug(
            "S3 request", metadata: ["method": "\(method.rawValue)", "key": "\(key ?? "-")",
                "query": "\(query.map(\.name).joined(separator: ","))"])
        do {
            let response = try await client.execute(request, timeout: TimeAmount(timeout), logger: nil)
            logger.debug("S3 reply", metadata: ["method": "\(method.rawValue)", "status": "\(response.status.code)"])
            return response
        } catch {
            throw S3ErrorTranslator.transport(error)
        }
    }

    /// Sends the request and throws the translated S3 error unless the reply is 2xx. Returns the reply with its
    /// body unread, so a caller can stream it.
    func sendExpectingSuccess(
        _ method: HTTPMethod, key: String?, query: [AWSSigningRequest.QueryItem] = [],
        headers: [AWSSigningRequest.Header] = [], body: Data? = nil, timeout: Duration
    ) async throws -> HTTPClientResponse {
        let response = try await send(method, key: key, query: query, headers: headers, body: body, timeout: timeout)
        guard (200..<300).contains(response.status.code) else {
            throw S3ErrorTranslator.error(
                status: Int(response.status.code), body: try await readText(response), key: key)
        }
        return response
    }

    /// Sends a request whose reply is small (everything but a GET of blob bytes), reads the reply body, and throws
    /// the translated S3 error unless the status is 2xx. Reading the body lets the connection be reused.
    func perform(
        _ method: HTTPMethod, key: String?, query: [AWSSigningRequest.QueryItem] = [],
        headers: [AWSSigningRequest.Header] = [], body: Data? = nil, timeout: Duration
    ) async throws -> (headers: HTTPHeaders, body: String) {
        let response = try await send(method, key: key, query: query, headers: headers, body: body, timeout: timeout)
        let text = try await readText(response)
        guard (200..<300).contains(response.status.code) else {
            throw S3ErrorTranslator.error(status: Int(response.status.code), body: text, key: key)
        }
        return (response.headers, text)
    }

    /// The reply body as text, up to 1 MiB (S3 XML replies are small).
    func readText(_ response: HTTPClientResponse) async throws -> String {
        do {
            let buffer = try await response.body.collect(upTo: 1024 * 1024)
            return String(buffer: buffer)
        } catch {
            throw S3ErrorTranslator.transport(error)
        }
    }

    /// A presigned URL for `method` on `key` with the extra `query` parameters (signed too), valid `expiresIn`
    /// seconds from now (clamped to 1...604800).
    func presignedURL(
        _ method: HTTPMethod, key: String, query: [AWSSigningRequest.QueryItem] = [], expiresIn: Int, now: Date = Date()
    ) -> URL? {
        let path = configuration.path(key: key)
        let signed = signer.presign(
            .init(method: method.rawValue, path: path, query: query, headers: [.init("host", configuration.hostHeader)]),
            payload: .unsigned, expiresIn: expiresIn, date: now)
        return URL(string: url(path: path, encodedQuery: signed.encodedQuery))
    }

    private func url(path: String, encodedQuery: String) -> String {
        configuration.origin + AWSURIEncoding.encode(path, keepingSlash: true)
            + (encodedQuery.isEmpty ? "" : "?" + encodedQuery)
    }
}
