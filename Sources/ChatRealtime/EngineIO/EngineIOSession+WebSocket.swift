import Foundation
import HummingbirdWebSocket
import NIOCore

extension EngineIOSession {
    /// Handles one message read from `connection`; returns `false` when the reader should stop (the
    /// session closed or the connection is not, or no longer, part of this session).
    func receive(_ message: WebSocketMessage, from connection: WebSocketConnection) async -> Bool {
        guard !isClosed else { return false }
        if let probe, probe.number == connection.number {
            return await receiveProbe(message, from: probe)
        }
        guard activeWebSocket?.number == connection.number else { return false }
        guard message.size <= configuration.maxPayload else {
            await finish(.transportError)
            return false
        }
        switch message {
        case .text(let text):
            guard let packet = EngineIOPacket.decode(text: Substring(text)) else {
                await finish(.parseError)
                return false
            }
            await handle(packet)
        case .binary(let bytes):
            await handle(.message(.binary(Data(bytes.readableBytesView))))
        }
        return !isClosed
    }

    /// The reader of `connection` ended (closed by the peer or by us).
    func webSocketEnded(_ connection: WebSocketConnection) async {
        if let probe, probe.number == connection.number {
            self.probe = nil
            probeAnswered = false
            return
        }
        if activeWebSocket?.number == connection.number {
            await finish(.transportClose)
        }
    }

    /// Starts an upgrade from polling; `false` (refuse the WebSocket) unless the session is on polling
    /// with no other probe in progress.
    func beginProbe(_ connection: WebSocketConnection) -> Bool {
        guard !isClosed, !closeWhenDrained, case .polling = transport, probe == nil else { return false }
        probe = connection
        return true
    }

    private func receiveProbe(_ message: WebSocketMessage, from connection: WebSocketConnection) async -> Bool {
        guard case .text(let text) = message, let packet = EngineIOPacket.decode(text: Substring(text)) else {
            return false
        }
        switch packet {
        case .ping("probe"):
            do {
                try await connection.write(EngineIOPacket.pong("probe").frame)
            } catch {
                return false
            }
            probeAnswered = true
            if let poll = pendingPoll {
                pendingPoll = nil
                poll.resume(returning: [EngineIOPacket.noop.frame])
            }
            return true
        case .upgrade where probeAnswered:
            probe = nil
            probeAnswered = false
            transport = .websocket(connection)
            if let poll = pendingPoll {
                pendingPoll = nil
                poll.resume(returning: [EngineIOPacket.noop.frame])
            }
            startDrainingIfNeeded()
            return true
        default:
            return false
        }
    }

    /// Writes the outbox to the active WebSocket in order, from one task at a time.
    func startDrainingIfNeeded() {
        guard !isDraining, activeWebSocket != nil, !outbox.isEmpty || closeWhenDrained else { return }
        isDraining = true
        Task { await self.drainWebSocket() }
    }

    private func drainWebSocket() async {
        while let socket = activeWebSocket, !isClosed, !outbox.isEmpty {
            let frames = outbox
            outbox.removeAll(keepingCapacity: true)
            for frame in frames {
                do {
                    try await socket.write(frame)
                } catch {
                    isDraining = false
                    await finish(.transportClose)
                    return
                }
            }
        }
        isDraining = false
        if closeWhenDrained && !isClosed {
            await finish(.serverClose)
        }
    }
}

extension WebSocketMessage {
    /// Bytes of the message as counted against `maxPayload`.
    var size: Int {
        switch self {
        case .text(let text): return text.utf8.count
        case .binary(let bytes): return bytes.readableBytes
        }
    }
}
