import Hummingbird

extension SocketIOServer {
    /// Mounts the HTTP long-polling transport on `router` at `configuration.path` (GET and POST, with or
    /// without a trailing slash, plus CORS preflight and Engine.IO's 400 for other methods).
    ///
    /// The WebSocket transport is served by the server itself: pass `.engineIO(io)` as the application's
    /// server. A complete Hummingbird 2 setup:
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
    ///     server: .engineIO(io),
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
}
