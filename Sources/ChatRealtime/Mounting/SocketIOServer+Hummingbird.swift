import Hummingbird
import HummingbirdCore
import HummingbirdWebSocket
import HTTPTypes
import Logging
import NIOCore

extension SocketIOServer {
    /// Mounts the HTTP long-polling transport on `router` at `configuration.path` (GET and POST, with or
    /// without a trailing slash, plus CORS preflight and Engine.IO's 400 for other methods).
    ///
    /// The WebSocket transport is served by the upgrade decision; a complete Hummingbird 2 setup:
    ///
    /// ```swift
    /// let io = SocketIOServer(configuration: .init(allowedOrigins: ["https://chat.example.com"]))
    /// io.namespace("/") { request in request.token == "secret" ? .accept() : .reject(message: "unauthorized") }
    ///     .onConnection { socket in await socket.on("hello") { arguments, ack in await ack?(.string("hi")) } }
    ///
    /// let router = Router()
    /// io.mount(on: router)
    /// let app = Application(
    ///     router: router,
    ///     server: .http1WebSocketUpgrade(configuration: io.webSocketUpgradeConfiguration) { request, channel, logger in
    ///         await io.shouldUpgrade(request: request, channel: channel, logger: logger)
    ///     },
    ///     configuration: .init(address: .hostname("127.0.0.1", port: 3000))
    /// )
    /// try await app.runService()
    /// ```
    ///
    /// Keep router middleware from collecting or replacing the request body of this path: a pending GET
    /// watches its connection to notice clients that go away.
    public func mount<Context: RequestContext>(on router: Router<Context>) {
        engine.mount(on: router)
    }

    /// The WebSocket upgrade decision for `.http1WebSocketUpgrade(configuration:shouldUpgrade:)`: upgrades
    /// valid Engine.IO WebSocket requests to `configuration.path`, answers `.dontUpgrade` to everything
    /// else (so other paths fall through to the router). Check other WebSocket paths of the app first.
    public func shouldUpgrade<Context: WebSocketContext>(
        request: HTTPRequest,
        channel: any Channel,
        logger: Logger
    ) async -> ShouldUpgradeResult<WebSocketDataHandler<Context>> {
        await engine.shouldUpgrade(request: request, channel: channel, logger: logger)
    }

    /// Server channel configuration for `.http1WebSocketUpgrade`: frames up to `maxHttpBufferSize`, no
    /// automatic WebSocket pings, no permessage-deflate.
    public var webSocketUpgradeConfiguration: HTTP1WebSocketUpgradeChannel.Configuration {
        engine.webSocketUpgradeConfiguration
    }
}
