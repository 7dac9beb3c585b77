import Foundation
import PostgresNIO

/// Room-aware messaging between the nodes sharing one PostgreSQL database (tables `cluster_rooms` and
/// `cluster_nodes`, schema 0003): each node listens on a channel of its own (`inbox`), records the rooms in which
/// it holds sockets, and a publication is notified only to the nodes holding one of its rooms. A node with no
/// socket in a room receives nothing of that room's traffic.
///
/// Ordering: `hold` returns once its row is committed, and `publish` reads the rows when it runs, so a node that
/// held a room before a publication started receives that publication.
public final class PostgresClusterRouter: Sendable {
    let database: PostgresDatabase
    /// This node's id: letters and digits only (it is part of a channel name).
    public let node: String
    /// This node's channel; listen on it to receive what other nodes publish to rooms this node holds.
    public let inbox: PostgresNotificationChannel

    /// The router of node `node` (letters and digits, at most 40) on `database`.
    public init(database: PostgresDatabase, node: String) {
        precondition(!node.isEmpty && node.count <= 40 && node.allSatisfy { $0.isLetter || $0.isNumber }, "bad node id")
        self.database = database
        self.node = node
        self.inbox = PostgresNotificationChannel(database: database, name: Self.channel(of: node))
    }

    /// The channel on which `node` listens.
    static func channel(of node: String) -> String { "chat_node_" + node }

    /// Records that this node holds a socket in `room` of `namespace`; returns once that is committed.
    public func hold(namespace: String, room: String) async throws {
        _ = try await database.collect(
            """
            INSERT INTO cluster_rooms (namespace, room, node_id) VALUES (\(namespace), \(room), \(node))
            ON CONFLICT DO NOTHING RETURNING 1
            """) { _ in () }
    }

    /// Records that this node holds no socket in `room` of `namespace` any more.
    public func release(namespace: String, room: String) async throws {
        _ = try await database.collect(
            "DELETE FROM cluster_rooms WHERE namespace = \(namespace) AND room = \(room) AND node_id = \(node) RETURNING 1"
        ) { _ in () }
    }

    /// Notifies `text` to every other node holding one of `rooms` of `namespace` or named in `nodes` (when live);
    /// to every other live node when `rooms` is empty. Returns how many nodes were notified. A text of any size may
    /// be published (as `PostgresNotificationChannel.publish` does it). Throws `DomainError.unavailable` when the
    /// database cannot be reached.
    @discardableResult
    public func publish(_ text: String, namespace: String, rooms: [String], nodes: [String] = []) async throws -> Int {
        let inline = text.utf8.count <= PostgresNotificationChannel.inlineLimit
        var query: PostgresQuery
        switch (rooms.isEmpty, inline) {
        case (true, true):
            query = """
                SELECT count(pg_notify('chat_node_' || node_id, \("m:" + text)))::bigint
                FROM cluster_nodes WHERE node_id <> \(node)
                """
        case (false, true):
            query = """
                SELECT count(pg_notify('chat_node_' || node_id, \("m:" + text)))::bigint FROM (
                    SELECT node_id FROM cluster_rooms WHERE namespace = \(namespace) AND room = ANY(\(rooms)) AND node_id <> \(node)
                    UNION SELECT node_id FROM cluster_nodes WHERE node_id = ANY(\(nodes)) AND node_id <> \(node)
                ) targets
                """
        case (true, false):
            query = """
                WITH expired AS (DELETE FROM cluster_payloads WHERE created_at < now() - interval '5 minutes'),
                     stored AS (INSERT INTO cluster_payloads (payload) VALUES (\(text)) RETURNING id)
                SELECT count(pg_notify('chat_node_' || n.node_id, 't:' || stored.id))::bigint
                FROM stored, cluster_nodes n WHERE n.node_id <> \(node)
                """
        case (false, false):
            query = """
                WITH expired AS (DELETE FROM cluster_payloads WHERE created_at < now() - interval '5 minutes'),
                     stored AS (INSERT INTO cluster_payloads (payload) VALUES (\(text)) RETURNING id)
                SELECT count(pg_notify('chat_node_' || targets.node_id, 't:' || stored.id))::bigint FROM stored, (
                    SELECT node_id FROM cluster_rooms WHERE namespace = \(namespace) AND room = ANY(\(rooms)) AND node_id <> \(node)
                    UNION SELECT node_id FROM cluster_nodes WHERE node_id = ANY(\(nodes)) AND node_id <> \(node)
                ) targets
                """
        }
        return try await database.collect(query) { try $0.decode(Int.self) }.first ?? 0
    }

    /// Records the base URL at which this node serves (for forwarding), marking the node alive now.
    public func advertise(_ address: String) async throws {
        _ = try await database.collect(
            """
            INSERT INTO cluster_nodes (node_id, seen_at, address) VALUES (\(node), clock_timestamp(), \(address))
            ON CONFLICT (node_id) DO UPDATE SET address = excluded.address RETURNING 1
            """) { _ in () }
    }

    /// The base URL `node` advertised; nil for a node that is not live or did not advertise.
    public func address(of node: String) async throws -> String? {
        try await database.collect("SELECT address FROM cluster_nodes WHERE node_id = \(node)") {
            try $0.decode(String?.self)
        }.first ?? nil
    }
}
