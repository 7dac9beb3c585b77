/// Settings of a Socket.IO v5 server; the defaults are those of the reference implementation.
public struct SocketIOConfiguration: Sendable {
    /// The HTTP path of both transports (default `/socket.io`; a trailing slash is accepted).
    public var path: String
    /// How often the server pings each client (default 25 s).
    public var pingInterval: Duration
    /// How long a ping may go unanswered before the connection is closed (default 20 s).
    public var pingTimeout: Duration
    /// The largest message accepted, in bytes (default 1,000,000): a bigger HTTP body gets 413, a bigger
    /// WebSocket message closes the WebSocket; either way the connection closes.
    public var maxHttpBufferSize: Int
    /// How long a client may stay connected without joining any namespace (default 45 s).
    public var connectTimeout: Duration
    /// Browser origins allowed to use HTTP long-polling with credentials (exact match, e.g.
    /// `https://chat.example.com`). Other origins get no CORS headers.
    public var allowedOrigins: [String]
    /// When `true`, WebSocket handshakes from an origin not in `allowedOrigins` are refused.
    public var checksWebSocketOrigin: Bool

    /// Creates a configuration; every argument has the reference implementation's default.
    public init(
        path: String = "/socket.io",
        pingInterval: Duration = .seconds(25),
        pingTimeout: Duration = .seconds(20),
        maxHttpBufferSize: Int = 1_000_000,
        connectTimeout: Duration = .seconds(45),
        allowedOrigins: [String] = [],
        checksWebSocketOrigin: Bool = false
    ) {
        self.path = path
        self.pingInterval = pingInterval
        self.pingTimeout = pingTimeout
        self.maxHttpBufferSize = maxHttpBufferSize
        self.connectTimeout = connectTimeout
        self.allowedOrigins = allowedOrigins
        self.checksWebSocketOrigin = checksWebSocketOrigin
    }

    /// The Engine.IO settings underneath.
    public var engine: EngineIOConfiguration {
        EngineIOConfiguration(
            path: path,
            pingInterval: pingInterval,
            pingTimeout: pingTimeout,
            maxPayload: maxHttpBufferSize,
            allowedOrigins: allowedOrigins,
            checksWebSocketOrigin: checksWebSocketOrigin
        )
    }
}
