import Synchronization

/// A Socket.IO namespace (`/`, `/admin`, …): its connect hook, its connection handler, its sockets and
/// rooms. Room operations take effect on this node immediately; with a cluster adapter, a join returns once the
/// other nodes' operations on the room reach this node too.
public final class SocketIONamespace: Sendable {
    /// The namespace name, always starting with `/`.
    public let name: String
    let encoder: SocketIOPacketEncoder
    let cluster: SocketIOClusterLink
    private let state: Mutex<State>

    struct State {
        var authorize: SocketIOConnectHook?
        var onConnection: SocketIOConnectionHandler?
        var sockets: [String: SocketIOSocket] = [:]
        var members: [String: Set<String>] = [:]
        var roomsOfSocket: [String: Set<String>] = [:]
    }

    init(name: String, encoder: SocketIOPacketEncoder, cluster: SocketIOClusterLink, authorize: SocketIOConnectHook?) {
        self.name = name
        self.encoder = encoder
        self.cluster = cluster
        self.state = Mutex(State(authorize: authorize))
    }

    /// Replaces the connect hook; without one every client is accepted with no data.
    public func authorize(with hook: @escaping SocketIOConnectHook) {
        state.withLock { $0.authorize = hook }
    }

    /// Replaces the handler run for each accepted socket.
    public func onConnection(_ handler: @escaping SocketIOConnectionHandler) {
        state.withLock { $0.onConnection = handler }
    }

    /// The number of connected sockets.
    public var socketCount: Int { state.withLock { $0.sockets.count } }

    /// The connected socket with id `id`, or `nil`.
    public func socket(id: String) -> SocketIOSocket? { state.withLock { $0.sockets[id] } }

    /// Every connected socket, in no particular order.
    public var sockets: [SocketIOSocket] { state.withLock { Array($0.sockets.values) } }

    /// The sockets in `room` (a socket id names a room holding only that socket).
    public func sockets(in room: String) -> [SocketIOSocket] {
        state.withLock { state in Self.ids(in: room, state).compactMap { state.sockets[$0] } }
    }

    /// The rooms `socketID` joined explicitly; empty for an unknown socket.
    public func rooms(ofSocket socketID: String) -> Set<String> {
        state.withLock { $0.roomsOfSocket[socketID] ?? [] }
    }

    /// Whether `socketID` joined `room` explicitly; cheaper than `rooms(ofSocket:)` (no copy).
    public func socket(_ socketID: String, isIn room: String) -> Bool {
        state.withLock { $0.roomsOfSocket[socketID]?.contains(room) ?? false }
    }

    /// Makes every socket in `members` leave `room` (e.g. a removed member's sockets leave a chat room), on
    /// every node of the cluster.
    public func leave(room: String, socketsIn members: String) async {
        await to(members).leave(room)
    }

    /// Makes every socket in `members` join `room`, on every node of the cluster.
    public func join(room: String, socketsIn members: String) async {
        await to(members).join(room)
    }

    /// Disconnects every socket in `room`, on every node of the cluster, as
    /// `SocketIOSocket.disconnect(closingConnection:)` does.
    public func disconnect(socketsIn room: String, closingConnection: Bool = true) async {
        await to(room).disconnect(closingConnection: closingConnection)
    }

    /// A broadcast to the sockets in `room`; chain `.to` and `.except` to refine it.
    public func to(_ room: String) -> SocketIOBroadcast { SocketIOBroadcast(namespace: self).to(room) }

    /// A broadcast to every socket of the namespace except those in `room` (or the socket with that id).
    public func except(_ room: String) -> SocketIOBroadcast { SocketIOBroadcast(namespace: self).except(room) }

    /// Sends an event to every socket of the namespace, encoding it once.
    public func emit(_ event: String, _ arguments: SocketIOValue...) async {
        await SocketIOBroadcast(namespace: self).emit(event, arguments: arguments)
    }

    var connectHook: SocketIOConnectHook? { state.withLock { $0.authorize } }
    var connectionHandler: SocketIOConnectionHandler? { state.withLock { $0.onConnection } }

    func add(_ socket: SocketIOSocket) {
        state.withLock { $0.sockets[socket.id] = socket }
    }

    func remove(_ socket: SocketIOSocket) async {
        let rooms = state.withLock { state -> Set<String> in
            guard state.sockets.removeValue(forKey: socket.id) != nil else { return [] }
            let rooms = state.roomsOfSocket.removeValue(forKey: socket.id) ?? []
            for room in rooms {
                state.members[room]?.remove(socket.id)
                if state.members[room]?.isEmpty == true { state.members[room] = nil }
            }
            return rooms
        }
        // Nothing waits on a leave: until it is recorded, operations on the room still come, and find nobody.
        guard !rooms.isEmpty, cluster.isActive else { return }
        Task { for room in rooms { await cluster.settle(room: room, in: self) } }
    }

    func join(socketID: String, room: String) async {
        state.withLock { Self.join(socketID, room, &$0) }
        await cluster.settle(room: room, in: self)
    }

    func leave(socketID: String, room: String) async {
        state.withLock { Self.leave(socketID, room, &$0) }
        await cluster.settle(room: room, in: self)
    }

    /// Whether a socket of this node joined `room` explicitly (a socket's own id room does not count).
    func isOccupied(_ room: String) -> Bool {
        state.withLock { $0.members[room] != nil }
    }

    /// Sockets in any of `rooms` (all sockets when `rooms` is empty) and in none of `excluded`.
    func recipients(rooms: Set<String>, excluded: Set<String>) -> [SocketIOSocket] {
        state.withLock { state in
            var ids: Set<String> = rooms.isEmpty ? Set(state.sockets.keys) : []
            for room in rooms { ids.formUnion(Self.ids(in: room, state)) }
            for room in excluded { ids.subtract(Self.ids(in: room, state)) }
            return ids.compactMap { state.sockets[$0] }
        }
    }

    private static func ids(in room: String, _ state: State) -> Set<String> {
        var ids = state.members[room] ?? []
        if state.sockets[room] != nil { ids.insert(room) }
        return ids
    }

    private static func join(_ id: String, _ room: String, _ state: inout State) {
        guard state.sockets[id] != nil else { return }
        state.members[room, default: []].insert(id)
        state.roomsOfSocket[id, default: []].insert(room)
    }

    private static func leave(_ id: String, _ room: String, _ state: inout State) {
        state.roomsOfSocket[id]?.remove(room)
        state.members[room]?.remove(id)
        if state.members[room]?.isEmpty == true { state.members[room] = nil }
    }
}
