import ChatDomain
import Foundation
import HTTPTypes
import Hummingbird

/// The error body of the contract: `{"error": {"code", "message", "details"}}`, with its status.
public struct APIError: HTTPResponseError {
    public let status: HTTPResponse.Status
    /// Stable machine-readable code, such as `NOT_FOUND`; sent as `error.code`.
    public let code: String
    /// Human-readable message sent to the client; never internals.
    public let message: String
    /// Extra facts, such as `field` and `reason` of a validation failure; nil omits them.
    public let details: [String: String]?
    /// Extra headers, such as `Retry-After`.
    public var headers: HTTPFields = [:]

    /// An error with this status and body, and no extra headers.
    public init(status: HTTPResponse.Status, code: String, message: String, details: [String: String]? = nil) {
        self.status = status
        self.code = code
        self.message = message
        self.details = details
    }

    /// The status and body a domain error maps to: the one place where domain errors meet HTTP.
    public init(_ error: DomainError) {
        let status: HTTPResponse.Status =
            switch error {
            case .unauthorized: .unauthorized
            case .forbidden: .forbidden
            case .notFound: .notFound
            case .conflict: .conflict
            case .invalid: .badRequest
            case .rateLimited: .tooManyRequests
            case .unavailable: .serviceUnavailable
            }
        var details: [String: String]?
        if case .invalid(let field, let reason) = error { details = ["field": field, "reason": reason] }
        self.init(status: status, code: error.code, message: error.message, details: details)
        if case .rateLimited(let seconds) = error { headers[.retryAfter] = String(seconds) }
    }

    /// The body as a client reads it.
    public struct Body: Codable, Sendable {
        /// The object under `error`.
        public struct Payload: Codable, Sendable {
            /// The error's `code`.
            public var code: String
            /// The error's `message`.
            public var message: String
            /// The error's `details`; nil when there are none.
            public var details: [String: String]?
        }

        /// The error itself.
        public var error: Payload
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        let data = try JSON.encoder.encode(Body(error: .init(code: code, message: message, details: details)))
        var fields = headers
        fields[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
