import Synchronization

/// The acknowledgement a client asked for with an event. The first call sends the ACK packet; later
/// calls do nothing (a client accepts one ack per id).
public final class SocketIOAck: Sendable {
    private let sent = Atomic<Bool>(false)
    private let send: @Sendable ([SocketIOValue]) async -> Void

    init(send: @escaping @Sendable ([SocketIOValue]) async -> Void) {
        self.send = send
    }

    /// Sends the ack with these arguments (binary values become attachments). Only the first call sends.
    public func callAsFunction(_ arguments: SocketIOValue...) async {
        await reply(arguments)
    }

    /// Sends the ack with these arguments; only the first call (of either form) sends.
    public func reply(_ arguments: [SocketIOValue]) async {
        guard !sent.exchange(true, ordering: .acquiringAndReleasing) else { return }
        await send(arguments)
    }

    /// `true` once the ack has been sent.
    public var isSent: Bool { sent.load(ordering: .acquiring) }
}

/// Thrown by `SocketIOSocket.emitWithAck` when no ack arrives.
public struct SocketIOAckError: Error, Hashable, Sendable {
    private enum Kind: Hashable, Sendable { case timeout, disconnected }
    private let kind: Kind

    /// The client did not answer within the timeout.
    public static let timeout = SocketIOAckError(kind: .timeout)
    /// The socket was disconnected before the client answered.
    public static let disconnected = SocketIOAckError(kind: .disconnected)
}
