/// A set of recipients in one namespace: the sockets in any of the `to` rooms (everyone when none is
/// given) minus those in any `except` room. A socket id works as a room holding only that socket.
///
/// `emit` encodes the packet once and hands the same frames to every recipient. With a cluster adapter
/// (`SocketIOServer.use(_:)`), every operation reaches the matching sockets of the other nodes too, unless
/// the broadcast is `local`.
public struct SocketIOBroadcast: Sendable {
    let namespace: SocketIONamespace
    private var rooms: Set<String> = []
    private var excluded: Set<String> = []
    private var isLocal = false

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

    /// The same broadcast limited to this node's sockets.
    public var local: SocketIOBroadcast {
        var copy = self
        copy.isLocal = true
        return copy
    }

    /// The sockets of this node this broadcast reaches right now.
    public var sockets: [SocketIOSocket] {
        namespace.recipients(rooms: rooms, excluded: excluded)
    }

    /// Sends the event to every recipient; returns how many there were on this node. Encodes once, and not at
    /// all when nobody is reached.
    @discardableResult
    public func emit(_ event: String, _ arguments: SocketIOValue...) async -> Int {
        await emit(event, arguments: arguments)
    }

    /// Array form of `emit(_:_:)`, same guarantees.
    @discardableResult
    public func emit(_ event: String, arguments: [SocketIOValue]) async -> Int {
        let recipients = sockets
        let reachesCluster = clusterWide
        guard !recipients.isEmpty || reachesCluster else { return 0 }
        let frames = namespace.encoder.encode(.event(event, arguments: arguments, namespace: namespace.name))
        for socket in recipients { await socket.session.enqueue(frames) }
        if reachesCluster { await publish(.emit(frames.map(SocketIOClusterFrame.init))) }
        return recipients.count
    }

    /// Disconnects every recipient (see `SocketIOSocket.disconnect(closingConnection:)`).
    public func disconnect(closingConnection: Bool = true) async {
        for socket in sockets { await socket.disconnect(closingConnection: closingConnection) }
        if clusterWide { await publish(.disconnect(closingConnection: closingConnection)) }
    }

    /// Makes every recipient join `room`.
    public func join(_ room: String) async {
        for socket in sockets { await socket.join(room) }
        if clusterWide { await publish(.join(room: room)) }
    }

    /// Makes every recipient leave `room`.
    public func leave(_ room: String) async {
        for socket in sockets { await socket.leave(room) }
        if clusterWide { await publish(.leave(room: room)) }
    }

    /// Runs an operation received from another node on this node's matching sockets (never published again).
    func apply(_ action: SocketIOClusterMessage.Action) async {
        let here = local
        switch action {
        case .emit(let frames):
            let engineFrames = frames.map(\.engineFrame)
            for socket in here.sockets { await socket.session.enqueue(engineFrames) }
        case .join(let room): await here.join(room)
        case .leave(let room): await here.leave(room)
        case .disconnect(let closingConnection): await here.disconnect(closingConnection: closingConnection)
        }
    }

    private var clusterWide: Bool { !isLocal && namespace.cluster.isActive }

    private func publish(_ action: SocketIOClusterMessage.Action) async {
        await namespace.cluster.publish(namespace: namespace.name, rooms: rooms, excluded: excluded, action: action)
    }
}

extension SocketIOBroadcast {
    /// The broadcast a message from another node describes.
    init(namespace: SocketIONamespace, message: SocketIOClusterMessage) {
        self.init(namespace: namespace)
        rooms = Set(message.rooms)
        excluded = Set(message.excluded)
    }
}
