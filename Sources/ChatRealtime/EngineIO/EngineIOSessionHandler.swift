/// Receives the traffic of one Engine.IO session. The server calls it from the session's reader, one
/// message at a time and in arrival order, so a slow handler delays later messages of that session only.
public protocol EngineIOSessionHandler: Sendable {
    /// Called for every `message` packet, in the order the client sent them.
    func session(_ session: EngineIOSession, didReceive message: EngineIOMessage) async
    /// Called exactly once, after the session is closed and removed from the server; sending is no
    /// longer possible.
    func session(_ session: EngineIOSession, didCloseWith reason: EngineIOCloseReason) async
}
