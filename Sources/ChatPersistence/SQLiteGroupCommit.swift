import GRDB
import Synchronization

/// Group commit for the single SQLite writer: writes that arrive while a transaction is being written wait, and
/// then all share the next transaction (one BEGIN, one COMMIT, one WAL append and at most one checkpoint for the
/// lot), each in a savepoint of its own, so one write that fails is rolled back alone and the others commit.
/// Every caller returns only after the transaction holding its write has committed; if the commit itself fails,
/// every write of that transaction fails. Writes are applied in the order they arrived.
final class SQLiteGroupCommit: Sendable {
    private let pool: DatabasePool
    private let state = Mutex(State())

    private struct State {
        var pending: [any GroupedWrite] = []
        var isWriting = false
    }

    init(pool: DatabasePool) { self.pool = pool }

    /// Runs `work` in a transaction shared with the writes pending beside it; its result once that transaction
    /// has committed. Errors are translated as `SQLiteDatabase.write` translates them.
    func write<T: Sendable>(_ work: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            let startsWriting = state.withLock { state in
                state.pending.append(PendingWrite(work: work, continuation: continuation))
                guard !state.isWriting else { return false }
                state.isWriting = true
                return true
            }
            if startsWriting { Task { await self.writeWhilePending() } }
        }
    }

    /// Writes batch after batch until nothing is pending; only one runs at a time.
    private func writeWhilePending() async {
        while true {
            let batch = state.withLock { state in
                let batch = state.pending
                state.pending = []
                if batch.isEmpty { state.isWriting = false }
                return batch
            }
            guard !batch.isEmpty else { return }
            do {
                try await pool.write { db in
                    if batch.count == 1 {
                        // Alone in its transaction: no savepoint needed, a failure rolls back just this write.
                        try batch[0].apply(db, isolated: false)
                    } else {
                        for write in batch { try write.apply(db, isolated: true) }
                    }
                }
                for write in batch { write.finish(failure: nil) }
            } catch {
                for write in batch { write.finish(failure: error) }
            }
        }
    }
}

/// One write of a batch, its result type erased.
private protocol GroupedWrite: Sendable {
    /// Runs the write; in a savepoint when `isolated`, so that a failure is kept for this write alone. Throws only
    /// what must fail the whole transaction (a failure of the write itself when not isolated).
    func apply(_ db: Database, isolated: Bool) throws
    /// Resumes the caller: with the write's own outcome, or with `failure` (the transaction's).
    func finish(failure: (any Error)?)
}

private final class PendingWrite<T: Sendable>: GroupedWrite, @unchecked Sendable {
    // `outcome` is set by `apply` on the writer and read by `finish` after the transaction: never at the same time.
    private let work: @Sendable (Database) throws -> T
    private let continuation: CheckedContinuation<T, any Error>
    private var outcome: Result<T, any Error>?

    init(work: @escaping @Sendable (Database) throws -> T, continuation: CheckedContinuation<T, any Error>) {
        self.work = work
        self.continuation = continuation
    }

    func apply(_ db: Database, isolated: Bool) throws {
        guard isolated else {
            outcome = .success(try work(db))
            return
        }
        do {
            try db.inSavepoint {
                outcome = .success(try work(db))
                return .commit
            }
        } catch {
            outcome = .failure(error)
        }
    }

    func finish(failure: (any Error)?) {
        let result = failure.map { Result<T, any Error>.failure($0) } ?? outcome ?? .failure(CancellationError())
        continuation.resume(with: result.mapError { error in
            (error as? DatabaseError).map(SQLiteErrorTranslation.translate) ?? error
        })
    }
}
