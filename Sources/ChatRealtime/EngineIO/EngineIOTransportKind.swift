/// The transports of Engine.IO v4.
public enum EngineIOTransportKind: String, Sendable, Hashable {
    /// HTTP long-polling (GET to receive, POST to send).
    case polling
    /// A WebSocket connection.
    case websocket
}
