import NIOCore

extension EngineIOSession {
    /// Outcome of a POST to the session.
    enum PostOutcome: Sendable {
        case accepted
        case rejected
    }

    /// Serves a GET: returns queued frames at once, or waits for some. Returns `nil` when the request must
    /// be refused (400): the session uses a WebSocket now, or this is a second concurrent GET (which
    /// also closes the session, answering the first GET with `close`).
    func poll(_ ticket: PollTicket) async -> [EngineFrame]? {
        let frames = await waitForFrames(ticket)
        ticket.markAnswered()
        return frames
    }

    private func waitForFrames(_ ticket: PollTicket) async -> [EngineFrame]? {
        if isClosed && lingersForFinalPoll {
            lingersForFinalPoll = false
            registry.remove(id)
            return [EngineIOPacket.noop.frame]
        }
        guard !isClosed, case .polling = transport else { return nil }
        if isPongOverdue {
            await finish(.pingTimeout)
            return nil
        }
        if ticket.isAborted {
            await finish(.transportClose, pollReply: nil)
            return nil
        }
        if pendingPoll != nil {
            await finish(.transportError)
            return nil
        }
        if probeAnswered { return [EngineIOPacket.noop.frame] }
        if !outbox.isEmpty {
            let frames = takeOutbox()
            if closeWhenDrained && outbox.isEmpty { await finish(.serverClose) }
            return frames
        }
        return await withCheckedContinuation { continuation in
            pendingPoll = continuation
        }
    }

    /// The client went away while its GET was pending: the session closes (reason `.transportClose`).
    func pollAborted(_ ticket: PollTicket) async {
        guard !ticket.isAnswered, case .polling = transport else { return }
        await finish(.transportClose, pollReply: nil)
    }

    /// Serves a POST: decodes the batch and queues its packets, which are handled in order after earlier
    /// ones (see `InboundQueue`). A malformed batch or a POST while another is in progress closes the
    /// session and is rejected.
    func receivePolling(_ body: ByteBuffer) async -> PostOutcome {
        guard !isClosed else { return .rejected }
        guard !postInFlight, let packets = EngineIOPollingPayload.decode(body) else {
            await finish(postInFlight ? .transportError : .parseError)
            return .rejected
        }
        postInFlight = true
        defer { postInFlight = false }
        await enqueueInbound(packets)
        return .accepted
    }
}
