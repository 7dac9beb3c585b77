/// Why an Engine.IO session ended. Reported exactly once per session.
public enum EngineIOCloseReason: String, Sendable, Hashable {
    /// The client sent a `close` packet.
    case clientClose = "client close"
    /// The server closed the session (`EngineIOSession.close()`).
    case serverClose = "forced close"
    /// No `pong` arrived within `pingTimeout` after a `ping`.
    case pingTimeout = "ping timeout"
    /// The underlying connection went away (WebSocket closed, pending poll aborted).
    case transportClose = "transport close"
    /// The client broke the protocol (malformed packet, second pending GET, concurrent POST, oversized
    /// payload).
    case transportError = "transport error"
    /// The client sent something that is not valid Engine.IO or Socket.IO.
    case parseError = "parse error"
    /// The server is shutting down.
    case serverShutdown = "server shutting down"
}
