import NIOCore

/// A server-side emit waiting for the client's ack.
struct PendingAck {
    var continuation: CheckedContinuation<[SocketIOValue], any Error>?
    var early: Result<[SocketIOValue], SocketIOAckError>?
    var timer: Scheduled<Void>?
}

extension SocketIOSocket {
    /// Sends an event asking for an ack and returns the ack's arguments.
    ///
    /// Throws `SocketIOAckError.timeout` when no ack arrives within `timeout`, and
    /// `SocketIOAckError.disconnected` when the socket is (or becomes) disconnected first.
    public func emitWithAck(_ event: String, _ arguments: SocketIOValue..., timeout: Duration) async throws -> [SocketIOValue] {
        try await emitWithAck(event, arguments: arguments, timeout: timeout)
    }

    /// Array form of `emitWithAck(_:_:timeout:)`, same guarantees.
    public func emitWithAck(_ event: String, arguments: [SocketIOValue], timeout: Duration) async throws -> [SocketIOValue] {
        guard isConnected else { throw SocketIOAckError.disconnected }
        let ackID = nextAckID
        nextAckID += 1
        let timer = session.eventLoop.scheduleTask(in: TimeAmount(timeout)) { [self] in
            _ = Task { await self.resolveAck(ackID, with: .failure(SocketIOAckError.timeout)) }
        }
        pendingAcks[ackID] = PendingAck(timer: timer)
        await send(.event(event, arguments: arguments, namespace: namespace.name, ackID: ackID))
        guard let pending = pendingAcks[ackID] else { throw SocketIOAckError.disconnected }
        if let early = pending.early {
            pendingAcks[ackID] = nil
            return try early.get()
        }
        return try await withCheckedThrowingContinuation { continuation in
            pendingAcks[ackID]?.continuation = continuation
        }
    }

    /// An ACK arrived from the client; unknown or already answered ids are ignored.
    func receivedAck(_ ackID: Int, arguments: [SocketIOValue]) {
        resolveAck(ackID, with: .success(arguments))
    }

    private func resolveAck(_ ackID: Int, with result: Result<[SocketIOValue], SocketIOAckError>) {
        guard var pending = pendingAcks[ackID] else { return }
        if let continuation = pending.continuation {
            pendingAcks[ackID] = nil
            pending.timer?.cancel()
            continuation.resume(with: result.mapError { $0 as any Error })
            return
        }
        pending.timer?.cancel()
        pending.early = result
        pendingAcks[ackID] = pending
    }

    func failPendingAcks() {
        let pending = pendingAcks
        pendingAcks.removeAll()
        for (_, ack) in pending {
            ack.timer?.cancel()
            ack.continuation?.resume(throwing: SocketIOAckError.disconnected)
        }
    }
}
