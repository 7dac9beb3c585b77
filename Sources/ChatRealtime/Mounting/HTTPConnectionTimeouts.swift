/// How long an HTTP/1.1 connection of `HTTPServerBuilder.engineIO` may wait on its client before the server
/// closes it. A request being served (a pending long-poll included) is never timed out; WebSocket connections
/// leave these limits behind once upgraded and are watched by Engine.IO's heartbeat instead.
public struct HTTPConnectionTimeouts: Sendable, Equatable {
    /// From accepting a connection until its first request head is complete. Bounds slow and silent clients
    /// (slowloris) that open a connection and send nothing, or a head one byte at a time.
    public var requestHead: Duration
    /// From the end of a response until the next request head of a keep-alive connection is complete.
    public var idle: Duration
    /// After the server half-closes a connection (`Connection: close`, a refused or malformed request), how long
    /// it keeps reading and dropping what the client still sends before closing outright. The client's own close
    /// ends it sooner; either way the descriptor is released.
    public var lingering: Duration

    /// Timeouts with the given values; the defaults bound a silent connection to 10 s, an idle keep-alive
    /// connection to 60 s and a lingering close to 5 s.
    public init(requestHead: Duration = .seconds(10), idle: Duration = .seconds(60), lingering: Duration = .seconds(5)) {
        self.requestHead = requestHead
        self.idle = idle
        self.lingering = lingering
    }
}
