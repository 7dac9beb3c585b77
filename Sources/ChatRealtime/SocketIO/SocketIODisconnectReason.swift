/// Why a socket left its namespace; the raw values are those of the reference implementation.
public enum SocketIODisconnectReason: String, Sendable, Hashable {
    /// The server called `disconnect()` on the socket (or on a room it was in).
    case serverNamespaceDisconnect = "server namespace disconnect"
    /// The client sent DISCONNECT for the namespace.
    case clientNamespaceDisconnect = "client namespace disconnect"
    /// The client closed the connection.
    case clientClose = "client close"
    /// The connection dropped (WebSocket closed, poll aborted).
    case transportClose = "transport close"
    /// The connection broke the transport rules.
    case transportError = "transport error"
    /// The client sent a packet that is not valid Socket.IO or Engine.IO.
    case parseError = "parse error"
    /// The client stopped answering heartbeats.
    case pingTimeout = "ping timeout"
    /// The server closed the whole connection.
    case forcedClose = "forced close"
    /// The server is shutting down.
    case serverShuttingDown = "server shutting down"

    init(_ reason: EngineIOCloseReason) {
        switch reason {
        case .clientClose: self = .clientClose
        case .serverClose: self = .forcedClose
        case .pingTimeout: self = .pingTimeout
        case .transportClose: self = .transportClose
        case .transportError: self = .transportError
        case .parseError: self = .parseError
        case .serverShutdown: self = .serverShuttingDown
        }
    }
}
