/// A server whose WebSocket transport `HTTPServerBuilder.engineIO(_:configuration:)` can serve: an
/// `EngineIOServer`, or a `SocketIOServer` (through the Engine.IO server underneath it).
public protocol EngineIOMountable: Sendable {
    /// The Engine.IO server that takes this server's WebSocket connections; the same instance every time.
    var engineIOServer: EngineIOServer { get }
}

extension EngineIOServer: EngineIOMountable {
    /// The server itself.
    public var engineIOServer: EngineIOServer { self }
}

extension SocketIOServer: EngineIOMountable {
    /// The Engine.IO server underneath (`engine`).
    public var engineIOServer: EngineIOServer { engine }
}
