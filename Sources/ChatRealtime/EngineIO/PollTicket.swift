import Synchronization

/// Tracks one GET poll so that a client going away is noticed whenever it happens: before the poll reached
/// the session, while it waits, but not after it was answered.
final class PollTicket: Sendable {
    private let answered = Atomic<Bool>(false)
    private let aborted = Atomic<Bool>(false)

    var isAnswered: Bool { answered.load(ordering: .acquiring) }
    var isAborted: Bool { aborted.load(ordering: .acquiring) }

    func markAnswered() { answered.store(true, ordering: .releasing) }
    func markAborted() { aborted.store(true, ordering: .releasing) }
}
