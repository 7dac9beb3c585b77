import ChatDomain
import Foundation
import PostgresNIO

/// `PresenceRegistry` on the shared PostgreSQL database (tables `cluster_nodes` and `cluster_presence`, schema
/// 0002; a node that stops counting also loses its `cluster_rooms`, schema 0003). Calls for one user take a transaction-scoped advisory lock on that user, so two nodes never decide
/// on stale views of each other.
public struct PostgresPresenceRegistry: PresenceRegistry {
    let database: PostgresDatabase
    /// How long a node counts after its last heartbeat.
    public let liveness: Duration

    /// A registry on `database`; nodes silent for longer than `liveness` stop counting.
    public init(_ database: PostgresDatabase, liveness: Duration = .seconds(15)) {
        self.database = database
        self.liveness = liveness
    }

    public func arrived(_ user: UserID, on node: String) async throws -> Bool {
        try await decide(user, on: node) { connection in
            try await connection.run(
                "INSERT INTO cluster_presence (user_id, node_id) VALUES (\(user.uuid), \(node)) ON CONFLICT DO NOTHING",
                logger: database.logger)
        }
    }

    public func left(_ user: UserID, on node: String) async throws -> Bool {
        try await decide(user, on: node) { connection in
            try await connection.run(
                "DELETE FROM cluster_presence WHERE user_id = \(user.uuid) AND node_id = \(node)", logger: database.logger)
        }
    }

    public func heartbeat(_ node: String) async throws {
        let milliseconds = liveness.wholeMilliseconds
        let logger = database.logger
        try await database.withTransaction { connection in
            try await connection.run(
                """
                INSERT INTO cluster_nodes (node_id, seen_at) VALUES (\(node), clock_timestamp())
                ON CONFLICT (node_id) DO UPDATE SET seen_at = excluded.seen_at
                """, logger: logger)
            try await connection.run(
                """
                DELETE FROM cluster_presence WHERE node_id IN (
                    SELECT node_id FROM cluster_nodes WHERE seen_at < clock_timestamp() - \(milliseconds) * interval '1 millisecond')
                """, logger: logger)
            try await connection.run(
                """
                DELETE FROM cluster_rooms WHERE node_id IN (
                    SELECT node_id FROM cluster_nodes WHERE seen_at < clock_timestamp() - \(milliseconds) * interval '1 millisecond')
                """, logger: logger)
            try await connection.run(
                "DELETE FROM cluster_nodes WHERE seen_at < clock_timestamp() - \(milliseconds) * interval '1 millisecond'",
                logger: logger)
        }
    }

    public func forget(_ node: String) async throws {
        let logger = database.logger
        try await database.withTransaction { connection in
            try await connection.run("DELETE FROM cluster_presence WHERE node_id = \(node)", logger: logger)
            try await connection.run("DELETE FROM cluster_rooms WHERE node_id = \(node)", logger: logger)
            try await connection.run("DELETE FROM cluster_nodes WHERE node_id = \(node)", logger: logger)
        }
    }

    /// Locks the user, applies `change`, then answers whether no other live node has the user.
    private func decide(
        _ user: UserID, on node: String, _ change: @escaping @Sendable (PostgresConnection) async throws -> Void
    ) async throws -> Bool {
        let milliseconds = liveness.wholeMilliseconds
        let logger = database.logger
        return try await database.withTransaction { connection in
            try await connection.run(
                "SELECT pg_advisory_xact_lock(hashtextextended(\(user.uuid.uuidString), 0))::text", logger: logger)
            try await change(connection)
            let elsewhere = try await connection.collect(
                """
                SELECT count(*)::bigint FROM cluster_presence p JOIN cluster_nodes n ON n.node_id = p.node_id
                WHERE p.user_id = \(user.uuid) AND p.node_id <> \(node)
                  AND n.seen_at >= clock_timestamp() - \(milliseconds) * interval '1 millisecond'
                """, logger: logger
            ) { try $0.decode(Int.self) }
            return elsewhere.first == 0
        }
    }
}
