/// A set of recipients in one namespace: the sockets in any of the `to` rooms (everyone when none is
/// given) minus those in any `except` room. A socket id works as a room holding only that socket.
///
/// `emit` encodes the packet once and hands the same frames to every recipient.
public struct SocketIOBroadcast: Sendable {
    let namespace: SocketIONamespace
    private var rooms: Set<String> = []
    private var excluded: Set<String> = []

    init(namespace: SocketIONamespace) {
        self.namespace = namespace
    }

    /// Adds `room` to the target rooms.
    public func to(_ room: String) -> SocketIOBroadcast {
        var copy = self
        copy.rooms.insert(room)
        return copy
    }

    /// Excludes the sockets in `room` (or the socket whose id is `room`).
    public func except(_ room: String) -> SocketIOBroadcast {
        var copy = self
        copy.excluded.insert(room)
        return copy
    }

    /// The sockets this broadcast reaches right now.
    public var sockets: [SocketIOSocket] {
        namespace.recipients(rooms: rooms, excluded: excluded)
    }

    /// Sends the event to every recipient; returns how many there were. Encodes once, and not at all
    /// when nobody is reached.
    @discardableResult
    public func emit(_ event: String, _ arguments: SocketIOValue...) async -> Int {
        await emit(event, arguments: arguments)
    }

    /// Array form of `emit(_:_:)`, same guarantees.
    @discardableResult
    public func emit(_ event: String, arguments: [SocketIOValue]) async -> Int {
        let recipients = sockets
        guard !recipients.isEmpty else { return 0 }
        let frames = namespace.encoder.encode(.event(event, arguments: arguments, namespace: namespace.name))
        for socket in recipients { await socket.session.enqueue(frames) }
        return recipients.count
    }

    /// Disconnects every recipient (see `SocketIOSocket.disconnect(closingConnection:)`).
    public func disconnect(closingConnection: Bool = true) async {
        for socket in sockets { await socket.disconnect(closingConnection: closingConnection) }
    }

    /// Makes every recipient join `room`.
    public func join(_ room: String) {
        for socket in sockets { socket.join(room) }
    }

    /// Makes every recipient leave `room`.
    public func leave(_ room: String) {
        for socket in sockets { socket.leave(room) }
    }
}
