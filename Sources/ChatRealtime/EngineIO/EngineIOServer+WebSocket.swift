import HTTPTypes
import HummingbirdCore
import NIOCore

extension EngineIOServer {
    /// Decides a WebSocket handshake: what to link the WebSocket to for an `EIO=4&transport=websocket` request
    /// to this server's path (a new session, or, with a `sid`, the upgrade of that polling session); `nil`,
    /// meaning "refuse", for any other request, a `sid` nobody knows, or a forbidden origin. Never suspends.
    func webSocketLink(for request: HTTPRequest) -> WebSocketSessionLink? {
        let uri = URI(request.path ?? "/")
        guard Self.normalized(uri.path) == configuration.normalizedPath else { return nil }
        let query = Self.queryDictionary(uri)
        guard query["EIO"] == "4", query["transport"] == EngineIOTransportKind.websocket.rawValue else { return nil }
        if configuration.checksWebSocketOrigin, let origin = request.headerFields[.origin], !isAllowed(origin: origin) {
            return nil
        }
        guard let sid = query["sid"] else {
            return .opening(self, EngineIOHandshake(headers: request.headerFields, query: query))
        }
        // Like the reference server: a known sid gets its WebSocket, which is closed at once unless the session
        // can upgrade (still on polling, no other probe); another node's session is relayed to that node; an unknown
        // sid is refused.
        if let session = registry[sid] { return .probing(session) }
        guard let (forwarder, owner) = foreignOwner(ofSession: sid, headers: request.headerFields) else { return nil }
        return .relaying(WebSocketRelay(forwarder: forwarder, owner: owner, target: request.path ?? "/", maxPayload: configuration.maxPayload))
    }

    /// Opens a session carried by `connection` from the start; its open packet is the first frame sent.
    func openWebSocketSession(handshake: EngineIOHandshake, connection: WebSocketConnection) async -> EngineIOSession {
        let (session, _) = await openSession(
            handshake: handshake,
            transport: .websocket(connection),
            eventLoop: connection.channel.eventLoop
        )
        return session
    }

    static func normalized(_ path: String) -> String {
        var result = path
        while result.count > 1 && result.hasSuffix("/") { result.removeLast() }
        return result
    }
}
