import ChatDomain
import Logging
import PostgresNIO
import Synchronization

extension PostgresDatabase {
    /// Runs `body` on a pooled connection, to its end even when the caller is cancelled. Waits at most
    /// `acquireTimeout` for the connection; every error leaves translated (`DomainError.conflict`, `.notFound`, `.unavailable`, or the driver error for bugs).
    func withConnection<Result: Sendable>(
        _ body: @escaping @Sendable (PostgresConnection) async throws -> Result
    ) async throws -> Result {
        do {
            // Not cancelled with its caller (an unstructured task inherits no cancellation): a statement cut off
            // midway leaves its connection unusable and the pool one connection short. It runs to its end,
            // bounded by `acquireTimeout` and the statement itself.
            let lease = Task { try await self.leaseWithDeadline(body) }
            return try await lease.value
        } catch {
            throw PostgresErrors.translate(error, logger: logger)
        }
    }

    /// Runs `body` in one transaction (`BEGIN` … `COMMIT`, `ROLLBACK` when it throws), with the same
    /// bounded wait and error translation as `withConnection`.
    func withTransaction<Result: Sendable>(
        _ body: @escaping @Sendable (PostgresConnection) async throws -> Result
    ) async throws -> Result {
        let logger = logger
        return try await withConnection { connection in
            try await connection.run("BEGIN", logger: logger)
            let result: Result
            do {
                result = try await body(connection)
            } catch {
                do {
                    try await connection.run("ROLLBACK", logger: logger)
                } catch {
                    // A connection whose transaction state is unknown must not go back to the pool.
                    try? await connection.close()
                }
                throw error
            }
            try await connection.run("COMMIT", logger: logger)
            return result
        }
    }

    /// Every row of one statement, decoded on the connection.
    func collect<Row: Sendable>(
        _ query: PostgresQuery, _ decode: @escaping @Sendable (PostgresRow) throws -> Row
    ) async throws -> [Row] {
        let logger = logger
        return try await withConnection { connection in
            try await connection.collect(query, logger: logger, decode)
        }
    }

    /// Races the lease against `acquireTimeout`. Exactly one side wins: a lease that arrives after the deadline
    /// runs nothing, and a deadline that passes after the lease changes nothing.
    private func leaseWithDeadline<Result: Sendable>(
        _ body: @escaping @Sendable (PostgresConnection) async throws -> Result
    ) async throws -> Result {
        let race = PostgresLeaseRace()
        let client = client
        let timeout = acquireTimeout
        return try await withThrowingTaskGroup(of: Result?.self) { group in
            group.addTask {
                try await client.withConnection { connection in
                    guard race.claim(.leased) else { throw PostgresAcquireTimeout() }
                    return try await body(connection)
                }
            }
            group.addTask {
                try await Task.sleep(for: timeout)
                if race.claim(.timedOut) { throw PostgresAcquireTimeout() }
                return nil
            }
            while let outcome = try await group.next() {
                if let value = outcome {
                    group.cancelAll()
                    return value
                }
            }
            throw PostgresAcquireTimeout()
        }
    }
}

extension PostgresConnection {
    /// Every row of one statement, decoded.
    func collect<Row>(
        _ query: PostgresQuery, logger: Logger, _ decode: (PostgresRow) throws -> Row
    ) async throws -> [Row] {
        var rows: [Row] = []
        for try await row in try await self.query(query, logger: logger) {
            rows.append(try decode(row))
        }
        return rows
    }

    /// Runs one statement to completion, reading and discarding its rows.
    func run(_ query: PostgresQuery, logger: Logger) async throws {
        for try await _ in try await self.query(query, logger: logger) {}
    }
}

/// No connection could be leased within `acquireTimeout`.
struct PostgresAcquireTimeout: Error {}

/// Who won the race between a lease and its deadline.
final class PostgresLeaseRace: Sendable {
    enum Outcome: UInt8 {
        case pending, leased, timedOut
    }

    private let state = Atomic<UInt8>(Outcome.pending.rawValue)

    /// True when `outcome` is the first to claim the race.
    func claim(_ outcome: Outcome) -> Bool {
        state.compareExchange(expected: Outcome.pending.rawValue, desired: outcome.rawValue, ordering: .acquiringAndReleasing)
            .exchanged
    }
}
