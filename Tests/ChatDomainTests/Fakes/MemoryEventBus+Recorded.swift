import ChatDomain
import ChatInMemory

extension MemoryEventBus {
    /// The messages announced as created, in order.
    var createdMessages: [Message] {
        events.compactMap { if case .messageCreated(let message) = $0 { message } else { nil } }
    }

    /// Every batch of revoked sessions announced, in order.
    var revokedSessions: [[SessionID]] {
        events.compactMap { if case .sessionsRevoked(let ids) = $0 { ids } else { nil } }
    }
}
