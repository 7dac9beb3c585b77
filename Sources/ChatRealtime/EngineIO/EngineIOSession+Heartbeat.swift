import NIOCore

/// The one timer of a session: next ping, pong deadline, or the deadline of a server close over polling.
struct HeartbeatState {
    // A scheduled callback rather than `scheduleTask`: no promise and future kept per idle session.
    var scheduled: NIOScheduledCallback?
    var deadline = NIODeadline.distantFuture
    var generation: UInt64 = 0
    var awaitingPong = false
}

extension EngineIOSession {
    /// Arms the ping timer; called once the session is open.
    func startHeartbeat() {
        scheduleHeartbeat(after: configuration.pingInterval)
    }

    func scheduleHeartbeat(after delay: Duration) {
        scheduleHeartbeat(at: .now() + TimeAmount(delay))
    }

    /// `true` when a ping went unanswered past its deadline, even if the timer task has not run yet (it may
    /// lag under load); requests check this so a late client never slips through.
    var isPongOverdue: Bool {
        heartbeat.awaitingPong && NIODeadline.now() >= heartbeat.deadline
    }

    private func scheduleHeartbeat(at deadline: NIODeadline) {
        heartbeat.scheduled?.cancel()
        heartbeat.generation &+= 1
        heartbeat.deadline = deadline
        heartbeat.scheduled = try? eventLoop.scheduleCallback(
            at: deadline,
            handler: HeartbeatTimer(session: self, generation: heartbeat.generation)
        )
    }

    func cancelHeartbeat() {
        heartbeat.scheduled?.cancel()
        heartbeat.scheduled = nil
        heartbeat.generation &+= 1
    }

    func receivedPong() {
        guard heartbeat.awaitingPong, !closeWhenDrained else { return }
        heartbeat.awaitingPong = false
        scheduleHeartbeat(after: configuration.pingInterval)
    }

    fileprivate func heartbeatFired(_ generation: UInt64) async {
        guard generation == heartbeat.generation, !isClosed else { return }
        if closeWhenDrained {
            await finish(.serverClose)
        } else if heartbeat.awaitingPong {
            await finish(.pingTimeout)
        } else {
            heartbeat.awaitingPong = true
            enqueue([EngineIOPacket.ping("").frame])
            // Counted from when the ping was due, not from when this task got to run.
            scheduleHeartbeat(at: heartbeat.deadline + TimeAmount(configuration.pingTimeout))
        }
    }
}


/// Fires one heartbeat step of a session; a stale `generation` (the timer was re-armed since) does nothing.
private struct HeartbeatTimer: NIOScheduledCallbackHandler, Sendable {
    let session: EngineIOSession
    let generation: UInt64

    func handleScheduledCallback(eventLoop: some EventLoop) {
        Task { await session.heartbeatFired(generation) }
    }
}
