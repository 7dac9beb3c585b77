import NIOHTTP1

/// Why a WebSocket handshake on a connection's first request is turned down, and so how it is answered.
enum WebSocketRefusal: Sendable, Equatable {
    /// 400: a wrong path, an unknown session, a forbidden origin, or a handshake missing what RFC 6455 requires.
    case badRequest
    /// 426 with `Sec-WebSocket-Version: 13`: the client speaks a WebSocket version other than 13 (RFC 6455 4.4).
    case unsupportedVersion

    /// How `head` would be refused if it were not accepted: nil when it asks for no WebSocket upgrade at all.
    init?(handshake head: HTTPRequestHead) {
        let upgrade = head.headers[canonicalForm: "upgrade"]
        guard upgrade.contains(where: { $0.lowercased() == "websocket" }) else { return nil }
        self = head.headers["sec-websocket-version"] == ["13"] ? .badRequest : .unsupportedVersion
    }
}
