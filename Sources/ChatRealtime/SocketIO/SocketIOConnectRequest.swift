/// What a connect hook sees: the namespace asked for, the CONNECT packet's auth payload, and the HTTP
/// handshake of the underlying connection.
public struct SocketIOConnectRequest: Sendable {
    /// The namespace being joined, e.g. `/` or `/admin`.
    public let namespace: String
    /// The CONNECT payload (`auth` option of the client); `[:]` when the client sent none.
    public let auth: [String: SocketIOValue]
    /// Headers and query of the request that opened the connection.
    public let handshake: EngineIOHandshake

    /// Creates a request (the server does this; public for tests of hooks).
    public init(namespace: String, auth: [String: SocketIOValue], handshake: EngineIOHandshake) {
        self.namespace = namespace
        self.auth = auth
        self.handshake = handshake
    }

    /// The credential the client presented, looked up in the usual places in this order: `auth.token`,
    /// an `Authorization: Bearer` header, the `token` query parameter. `nil` when none is present.
    public var token: String? {
        if let token = auth["token"]?.stringValue, !token.isEmpty { return token }
        if let token = handshake.bearerToken { return token }
        if let token = handshake.query["token"], !token.isEmpty { return token }
        return nil
    }
}

/// A connect hook's answer.
public enum SocketIOConnectDecision: Sendable {
    /// Let the client in; `data` is kept on the socket (`SocketIOSocket.data`) for its whole life.
    case accept(data: (any Sendable)? = nil)
    /// Refuse: the client gets CONNECT_ERROR `{"message": message, "data": data}` (`data` omitted when nil)
    /// and no socket is created.
    case reject(message: String, data: SocketIOValue? = nil)
}

/// Decides whether a client may join a namespace. Runs before any other packet of that client is
/// processed; it may suspend (database lookups are fine).
public typealias SocketIOConnectHook = @Sendable (SocketIOConnectRequest) async -> SocketIOConnectDecision

/// Called once per accepted socket, after the client has been told it is connected and before any of its
/// events is dispatched: register event handlers and join rooms here.
public typealias SocketIOConnectionHandler = @Sendable (SocketIOSocket) async -> Void

/// Handles one event: its arguments (event name excluded) and, when the client asked for one, the ack.
public typealias SocketIOEventHandler = @Sendable ([SocketIOValue], SocketIOAck?) async -> Void

/// Handles an event that has no handler of its own: its name, its arguments and the ack, if asked for.
public typealias SocketIOUnhandledEventHandler = @Sendable (String, [SocketIOValue], SocketIOAck?) async -> Void

/// Called once when a socket is disconnected, whatever the cause.
public typealias SocketIODisconnectHandler = @Sendable (SocketIODisconnectReason) async -> Void
