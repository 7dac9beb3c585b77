import Synchronization

/// The live sessions of one server, by `sid`. Lookups never suspend; the lock is never held across an await.
final class EngineIOSessionRegistry: Sendable {
    private let sessions = Mutex<[String: EngineIOSession]>([:])

    func insert(_ session: EngineIOSession) {
        sessions.withLock { $0[session.id] = session }
    }

    func remove(_ id: String) {
        _ = sessions.withLock { $0.removeValue(forKey: id) }
    }

    subscript(id: String) -> EngineIOSession? {
        sessions.withLock { $0[id] }
    }

    var count: Int { sessions.withLock { $0.count } }

    var all: [EngineIOSession] { sessions.withLock { Array($0.values) } }
}
