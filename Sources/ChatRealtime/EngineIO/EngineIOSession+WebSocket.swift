import Foundation
import NIOCore

extension EngineIOSession {
    /// Handles one message read from `connection` (its size already checked against `maxPayload` by the
    /// WebSocket handler); returns `false` when the WebSocket should be closed (the session closed, or the
    /// connection is not, or no longer, part of this session).
    func receive(_ message: EngineIOMessage, from connection: WebSocketConnection) async -> Bool {
        guard !isClosed else { return false }
        if let probe, probe == connection {
            return await receiveProbe(message, from: probe)
        }
        guard activeWebSocket == connection else { return false }
        switch message {
        case .text(let text):
            guard let packet = EngineIOPacket.decode(text: Substring(text)) else {
                await finish(.parseError)
                return false
            }
            await handle(packet)
        case .binary:
            await handle(.message(message))
        }
        return !isClosed
    }

    /// `connection` is gone (closed by the peer or by us): a probe is forgotten, the active one ends the session.
    func webSocketEnded(_ connection: WebSocketConnection) async {
        if let probe, probe == connection {
            self.probe = nil
            probeAnswered = false
            return
        }
        if activeWebSocket == connection {
            await finish(.transportClose)
        }
    }

    /// Starts an upgrade from polling; `false` (refuse the WebSocket) unless the session is on polling
    /// with no other probe in progress.
    /// A probe that has not upgraded within `upgradeTimeout` is closed.
    func beginProbe(_ connection: WebSocketConnection) -> Bool {
        guard !isClosed, !closeWhenDrained, case .polling = transport, probe == nil else { return false }
        probe = connection
        eventLoop.scheduleTask(in: TimeAmount(configuration.upgradeTimeout)) { [self] in
            _ = Task { await self.probeTimedOut(connection) }
        }
        return true
    }

    /// The upgrade did not complete in time: the probe WebSocket is closed, polling goes on as before it.
    private func probeTimedOut(_ connection: WebSocketConnection) {
        guard let probe, probe == connection else { return }
        self.probe = nil
        probeAnswered = false
        connection.close()
    }

    private func receiveProbe(_ message: EngineIOMessage, from connection: WebSocketConnection) async -> Bool {
        guard case .text(let text) = message, let packet = EngineIOPacket.decode(text: Substring(text)) else {
            return false
        }
        switch packet {
        case .ping("probe"):
            do {
                try await connection.write([EngineIOPacket.pong("probe").frame])
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
            // Taken whole (not emptied in place) so an idle session keeps no array capacity.
            let frames = outbox
            outbox = []
            do {
                try await socket.write(frames)
            } catch {
                isDraining = false
                await finish(.transportClose)
                return
            }
        }
        isDraining = false
        if closeWhenDrained && !isClosed {
            await finish(.serverClose)
        }
    }
}
