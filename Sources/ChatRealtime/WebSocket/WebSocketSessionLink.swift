/// Something that happened on a WebSocket, for the Engine.IO session it carries.
enum WebSocketEvent: Sendable {
    /// A complete data message.
    case message(EngineIOMessage)
    /// The WebSocket is gone (closed by the peer, failed, or torn down).
    case closed
    /// The server is shutting down: the session ends with `.serverShutdown` and closes the WebSocket.
    case shutdown
}

/// What a WebSocket is connected to on the Engine.IO side. It starts as a request (open a new session, or
/// probe an upgrade of a polling one) and becomes the session once that succeeded, or `detached`.
enum WebSocketSessionLink: Sendable {
    /// A new session is to be opened over this WebSocket.
    case opening(EngineIOServer, EngineIOHandshake)
    /// A polling session wants to upgrade to this WebSocket.
    case probing(EngineIOSession)
    /// The WebSocket belongs to this session (as its transport or as its upgrade probe).
    case attached(EngineIOSession)
    /// The session is another node's: the WebSocket's messages are relayed to it.
    case relaying(WebSocketRelay)
    /// Nothing more goes anywhere; the WebSocket is to be closed.
    case detached

    /// Hands `events` to the session in order, first opening or probing it when needed; returns what the
    /// WebSocket is linked to afterwards (`detached` once the session no longer wants it).
    func deliver(_ events: [WebSocketEvent], from connection: WebSocketConnection) async -> WebSocketSessionLink {
        let session: EngineIOSession
        switch self {
        case .opening(let server, let handshake):
            session = await server.openWebSocketSession(handshake: handshake, connection: connection)
        case .probing(let polling):
            guard await polling.beginProbe(connection) else { return .detached }
            session = polling
        case .attached(let attached):
            session = attached
        case .relaying(let relay):
            relay.start(connection)
            for event in events {
                guard case .message(let message) = event else {
                    relay.finish()
                    return .detached
                }
                relay.send(message)
            }
            return self
        case .detached:
            return .detached
        }
        for event in events {
            switch event {
            case .message(let message):
                guard await session.receive(message, from: connection) else {
                    await session.webSocketEnded(connection)
                    return .detached
                }
            case .closed:
                await session.webSocketEnded(connection)
                return .detached
            case .shutdown:
                await session.finish(.serverShutdown)
                return .detached
            }
        }
        return .attached(session)
    }
}
