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
    public static func engineIO(
        _ servers: any EngineIOMountable...,
        configuration: HTTP1Channel.Configuration = .init()
    ) -> HTTPServerBuilder {
        engineIO(servers, configuration: configuration)
    }

    /// The array form of `engineIO(_:configuration:)`, same guarantees.
    public static func engineIO(
        _ servers: [any EngineIOMountable],
        configuration: HTTP1Channel.Configuration = .init()
    ) -> HTTPServerBuilder {
        HTTPServerBuilder { responder in
            EngineIOHTTP1Channel(responder: responder, servers: servers, configuration: configuration)
        }
    }
}
