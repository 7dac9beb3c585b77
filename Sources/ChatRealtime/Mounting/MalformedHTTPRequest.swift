import HTTPTypes
import Hummingbird

/// The request being served broke HTTP/1.1 framing after its head (a bad chunk size, a body cut short). Its body
/// stream throws this, and it answers 400: a client's mistake, never a server error. The connection is closed
/// after the response, since nothing more can be read from it.
public struct MalformedHTTPRequest: HTTPResponseError, CustomStringConvertible {
    /// What the decoder found, for logs.
    public let description: String

    init(_ reason: String) { description = "malformed HTTP request: \(reason)" }

    /// Always 400 Bad Request.
    public var status: HTTPResponse.Status { .badRequest }

    /// A plain 400 with `Connection: close`.
    public func response(from request: Request, context: some RequestContext) throws -> Response {
        Response(
            status: .badRequest,
            headers: [.connection: "close", .contentType: "text/plain; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: "malformed HTTP request\n")))
    }
}
