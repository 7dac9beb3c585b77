/// Packets received over polling, handled in arrival order by one task per busy period, so a POST is
/// answered as soon as its packets are queued rather than when the application has handled them.
///
/// A client may only POST again once its previous POST was answered, and some clients (python-engineio)
/// drop what they queued meanwhile when they disconnect: a POST held while a slow handler runs (a CONNECT
/// whose connection hook queries a database) would lose the client's DISCONNECT. The queue is bounded: past
/// `inboundLimit` packets a POST waits for the backlog to drain, so a flooding client is slowed, not buffered.
struct InboundQueue {
    var packets: [EngineIOPacket] = []
    var head = 0
    var isDraining = false
    var waiters: [CheckedContinuation<Void, Never>] = []

    var backlog: Int { packets.count - head }

    mutating func next() -> EngineIOPacket? {
        guard head < packets.count else {
            packets.removeAll(keepingCapacity: false)
            head = 0
            return nil
        }
        defer { head += 1 }
        return packets[head]
    }
}

extension EngineIOSession {
    /// Most packets waiting to be handled before a POST is held back.
    static let inboundLimit = 256

    /// Queues `packets` for in-order handling and returns once they are queued, waiting first while the
    /// backlog is at `inboundLimit`. Packets queued after the session closed are dropped.
    func enqueueInbound(_ packets: [EngineIOPacket]) async {
        while inbound.backlog >= Self.inboundLimit && !isClosed {
            await withCheckedContinuation { inbound.waiters.append($0) }
        }
        guard !isClosed else { return }
        inbound.packets.append(contentsOf: packets)
        guard !inbound.isDraining else { return }
        inbound.isDraining = true
        Task { await self.drainInbound() }
    }

    private func drainInbound() async {
        while !isClosed, let packet = inbound.next() {
            await handle(packet)
            if inbound.backlog < Self.inboundLimit { releaseInboundWaiters() }
        }
        releaseInboundWaiters()
        inbound = InboundQueue()
    }

    /// Lets every POST waiting on the backlog go on (it re-checks the backlog or the closed state).
    func releaseInboundWaiters() {
        let waiters = inbound.waiters
        inbound.waiters.removeAll()
        for waiter in waiters { waiter.resume() }
    }
}
