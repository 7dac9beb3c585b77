import HummingbirdWebSocket
import NIOCore
import Synchronization

/// One WebSocket carrying (or probing for) an Engine.IO session; `number` tells connections apart.
struct WebSocketConnection: Sendable {
    private static let counter = Atomic<UInt64>(0)

    let number: UInt64
    let writer: WebSocketOutboundWriter

    init(writer: WebSocketOutboundWriter) {
        self.number = Self.counter.add(1, ordering: .relaxed).newValue
        self.writer = writer
    }

    func write(_ frame: EngineFrame) async throws {
        switch frame {
        case .text(let text): try await writer.write(.text(text))
        case .binary(let bytes): try await writer.write(.binary(bytes))
        }
    }

    /// Starts the closing handshake; errors (already closed) are ignored.
    func close() async {
        try? await writer.close(.normalClosure, reason: nil)
    }
}
