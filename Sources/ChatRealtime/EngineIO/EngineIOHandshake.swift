import Foundation
import HTTPTypes

/// What the client presented when it opened an Engine.IO session (the first HTTP request or the
/// WebSocket handshake). Immutable for the life of the session.
public struct EngineIOHandshake: Sendable {
    /// The request headers, e.g. `Authorization`, `Origin`, `User-Agent`.
    public let headers: HTTPFields
    /// The decoded query parameters (`EIO`, `transport`, and anything the client added, e.g. `token`).
    /// A repeated parameter keeps its first value.
    public let query: [String: String]

    /// Creates a handshake record.
    public init(headers: HTTPFields, query: [String: String]) {
        self.headers = headers
        self.query = query
    }

    /// The value of the header named `name` (case-insensitive), or `nil` when absent or invalid.
    public func header(_ name: String) -> String? {
        guard let field = HTTPField.Name(name) else { return nil }
        return headers[field]
    }

    /// The token of an `Authorization: Bearer <token>` header, or `nil` when there is none.
    public var bearerToken: String? {
        guard let value = headers[.authorization] else { return nil }
        let parts = value.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        let token = parts[1].trimmingCharacters(in: .whitespaces)
        return token.isEmpty ? nil : token
    }
}
