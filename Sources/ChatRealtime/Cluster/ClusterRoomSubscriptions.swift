import Logging
import Synchronization

/// The rooms this node announced to its cluster adapter, kept in line with where its sockets are.
///
/// Settling a room runs after every earlier settling of the same room, and reads the room's occupancy when it
/// runs: whatever order joins and leaves arrive in, the last settling leaves the adapter told the room's final
/// state, and a join that waits for its settling returns only once the room is announced.
final class ClusterRoomSubscriptions: Sendable {
    struct Room: Hashable, Sendable {
        let namespace: String
        let name: String
    }

    private struct State {
        var announced: Set<Room> = []
        var pending: [Room: (id: UInt64, task: Task<Void, Never>)] = [:]
        var nextID: UInt64 = 0
    }

    private let state = Mutex(State())
    private let logger: Logger

    init(logger: Logger) {
        self.logger = logger
    }

    /// Settles `room` (see the type's description); returns at once when nothing is pending and the adapter
    /// already knows the room's state.
    func settle(_ room: Room, isOccupied: @escaping @Sendable () -> Bool, adapter: any SocketIOClusterAdapter) async {
        let task: Task<Void, Never>? = state.withLock { state in
            let previous = state.pending[room]?.task
            if previous == nil && state.announced.contains(room) == isOccupied() { return nil }
            state.nextID &+= 1
            let id = state.nextID
            let task = Task {
                await previous?.value
                await self.apply(room, isOccupied: isOccupied(), adapter: adapter)
                self.finished(room, id: id)
            }
            state.pending[room] = (id, task)
            return task
        }
        await task?.value
    }

    private func apply(_ room: Room, isOccupied: Bool, adapter: any SocketIOClusterAdapter) async {
        guard state.withLock({ $0.announced.contains(room) }) != isOccupied else { return }
        do {
            if isOccupied {
                try await adapter.subscribe(namespace: room.namespace, room: room.name)
            } else {
                try await adapter.unsubscribe(namespace: room.namespace, room: room.name)
            }
        } catch {
            logger.warning(
                "cluster room announcement failed",
                metadata: ["room": "\(room.name)", "joined": "\(isOccupied)", "error": "\(String(reflecting: type(of: error)))"])
            return
        }
        state.withLock { state in
            if isOccupied { state.announced.insert(room) } else { state.announced.remove(room) }
        }
    }

    private func finished(_ room: Room, id: UInt64) {
        state.withLock { state in
            if state.pending[room]?.id == id { state.pending[room] = nil }
        }
    }
}
