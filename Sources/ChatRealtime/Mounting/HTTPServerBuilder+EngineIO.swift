import HummingbirdCore

extension HTTPServerBuilder {
    /// An HTTP/1.1 server that also serves the WebSocket transport of `servers`, for `Application(server:)`.
    ///
    /// A WebSocket handshake to one of the servers' paths is upgraded and served by plain SwiftNIO handlers
    /// (no task per idle connection); a handshake that is refused (wrong path, unknown `sid`, forbidden origin)
    /// gets a bare 400 and the connection closes. Every other request, the long-polling transport included,
    /// goes to the application's router exactly as with `.http1(configuration:)`; mount the polling routes with
    /// `mount(on:)`. When several servers share a path, the first listed wins. The servers are kept alive as long
    /// as the application's server exists.
    ///
    /// Malformed requests are answered 400 (431 for oversized header fields; 426 for a WebSocket version other
    /// than 13) and their connection closed, whether first on their connection or not; `timeouts` bound how long
    /// a connection may keep the server waiting for a request (see `HTTPConnectionTimeouts`).
    public static func engineIO(
        _ servers: any EngineIOMountable...,
        configuration: HTTP1Channel.Configuration = .init(),
        timeouts: HTTPConnectionTimeouts = .init()
    ) -> HTTPServerBuilder {
        engineIO(servers, configuration: configuration, timeouts: timeouts)
    }

    /// The array form of `engineIO(_:configuration:timeouts:)`, same guarantees.
    public static func engineIO(
        _ servers: [any EngineIOMountable],
        configuration: HTTP1Channel.Configuration = .init(),
        timeouts: HTTPConnectionTimeouts = .init()
    ) -> HTTPServerBuilder {
        HTTPServerBuilder { responder in
            EngineIOHTTP1Channel(responder: responder, servers: servers, configuration: configuration, timeouts: timeouts)
        }
    }
}
