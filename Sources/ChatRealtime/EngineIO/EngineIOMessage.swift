import Foundation

/// One Engine.IO `message` packet's content: text stays text and binary stays binary on every transport.
public enum EngineIOMessage: Sendable, Hashable {
    /// A UTF-8 text message.
    case text(String)
    /// A binary message (base64 with a `b` prefix on HTTP long-polling, a binary frame on WebSocket).
    case binary(Data)
}
