import NIOCore

/// A session's handle on one WebSocket (the one carrying it, or a probe). Writes go through the channel's
/// `EngineIOWebSocketHandler`; calls made one after another reach the client in that order.
struct WebSocketConnection: Sendable, Equatable {
    let channel: any Channel

    /// Writes `frames` in order and returns once the last one has been handed to the socket (so a slow client
    /// holds the sender back). Throws when the WebSocket is closing or closed.
    func write(_ frames: [EngineFrame]) async throws {
        guard let last = frames.last else { return }
        for frame in frames.dropLast() { channel.write(frame, promise: nil) }
        try await channel.writeAndFlush(last).get()
    }

    /// Whether the channel takes writes without queueing them beyond its high-water mark.
    var isWritable: Bool { channel.isWritable }

    /// Writes `frames` in order and flushes, without waiting: for a client that keeps up. A write can only fail
    /// when the WebSocket is closing or closed, and its end reaches the session as a lost transport.
    func writeWithoutWaiting(_ frames: [EngineFrame]) {
        guard let last = frames.last else { return }
        for frame in frames.dropLast() { channel.write(frame, promise: nil) }
        channel.writeAndFlush(last, promise: nil)
    }

    /// Starts the closing handshake (code 1000) after what was written before; a no-op on a WebSocket that is
    /// already closing.
    func close() {
        channel.triggerUserOutboundEvent(WebSocketCloseRequest(), promise: nil)
    }

    static func == (lhs: WebSocketConnection, rhs: WebSocketConnection) -> Bool {
        lhs.channel === rhs.channel
    }
}

/// Asks the WebSocket handler of a channel to close the WebSocket with code 1000.
struct WebSocketCloseRequest: Sendable {}
