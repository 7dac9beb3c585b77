/// Settings of an Engine.IO v4 server; the defaults are those of the reference implementation.
public struct EngineIOConfiguration: Sendable {
    /// The HTTP path both transports are served on (`/engine.io` here, `/socket.io` for Socket.IO).
    /// A trailing slash is accepted too.
    public var path: String
    /// How often the server sends a `ping` packet.
    public var pingInterval: Duration
    /// How long the server waits for the `pong` before closing the session (reason `.pingTimeout`).
    public var pingTimeout: Duration
    /// The largest accepted message, in bytes: a bigger POST body is answered 413 and closes the session,
    /// a bigger WebSocket message closes the WebSocket (1009). Announced to clients as `maxPayload`.
    public var maxPayload: Int
    /// Origins allowed to use HTTP long-polling from a browser (`https://app.example.com`, exact match).
    /// Responses to them carry `Access-Control-Allow-Origin: <origin>` and
    /// `Access-Control-Allow-Credentials: true`; other origins get no CORS headers.
    public var allowedOrigins: [String]
    /// When `true`, a WebSocket handshake whose `Origin` header is present and not in `allowedOrigins`
    /// is refused (protection against cross-site WebSocket hijacking for cookie-authenticated apps).
    /// Off by default because native clients may send arbitrary origins.
    public var checksWebSocketOrigin: Bool
    /// How long an upgrade may take from the WebSocket probe to the `upgrade` packet; past it the probe WebSocket
    /// is closed and the session goes on over polling.
    public var upgradeTimeout: Duration

    /// Creates a configuration; every argument has the reference implementation's default.
    public init(
        path: String = "/engine.io",
        pingInterval: Duration = .seconds(25),
        pingTimeout: Duration = .seconds(20),
        maxPayload: Int = 1_000_000,
        allowedOrigins: [String] = [],
        checksWebSocketOrigin: Bool = false,
        upgradeTimeout: Duration = .seconds(10)
    ) {
        self.path = path
        self.pingInterval = pingInterval
        self.pingTimeout = pingTimeout
        self.maxPayload = maxPayload
        self.allowedOrigins = allowedOrigins
        self.checksWebSocketOrigin = checksWebSocketOrigin
        self.upgradeTimeout = upgradeTimeout
    }

    /// The path without a trailing slash, always starting with `/`.
    var normalizedPath: String {
        var result = path.hasPrefix("/") ? path : "/" + path
        while result.count > 1 && result.hasSuffix("/") { result.removeLast() }
        return result
    }
}
