import NIOCore

extension EngineIOWebSocketHandler {
    /// Queues an event for the session; starts a delivery unless one is running. Dropped once the WebSocket
    /// is detached from any session.
    func enqueue(_ event: WebSocketEvent) {
        if case .detached = link { return }
        undelivered.append(event)
        if !isDelivering { startDelivery() }
    }

    /// Hands everything queued to the session from one task, the only one for this WebSocket: events reach
    /// the session in order, and no task exists while the connection is idle.
    func startDelivery() {
        guard let connection else { return }
        isDelivering = true
        let events = undelivered
        undelivered = []
        let link = self.link
        let loopBound = NIOLoopBound(self, eventLoop: connection.channel.eventLoop)
        Task {
            let next = await link.deliver(events, from: connection)
            loopBound.eventLoop.execute { loopBound.value.deliveryFinished(next) }
        }
    }

    private func deliveryFinished(_ next: WebSocketSessionLink) {
        isDelivering = false
        link = next
        if case .detached = next {
            undelivered = []
            if let context { startClosingHandshake(context) }
        } else if !undelivered.isEmpty {
            startDelivery()
            return
        }
        if isReadWithheld, let context {
            isReadWithheld = false
            context.read()
        }
    }
}
