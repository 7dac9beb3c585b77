import ChatDomain
import Logging
import PostgresNIO
import Synchronization

/// Publish and subscribe between the processes sharing one PostgreSQL database, over `LISTEN`/`NOTIFY` on one
/// channel. A text of any size may be published: up to `inlineLimit` bytes it rides in the notification,
/// larger ones are stored in `cluster_payloads` (schema 0002) and the notification carries the row id.
///
/// Every listener on the channel receives every published text once, in publishing order per publisher,
/// including the publisher's own when it listens too. Texts published while a listener is disconnected are not
/// replayed to it.
public final class PostgresNotificationChannel: Sendable {
    /// Largest text sent inside the notification itself (PostgreSQL's limit is 8000 bytes).
    public static let inlineLimit = 7_900

    let database: PostgresDatabase
    /// The PostgreSQL channel name.
    public let name: String
    private let listening = Atomic<Bool>(false)

    /// A channel on `database` named `name` (letters, digits and `_` only: it is an SQL identifier).
    public init(database: PostgresDatabase, name: String) {
        precondition(!name.isEmpty && name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }, "bad channel name")
        self.database = database
        self.name = name
    }

    /// True while the listener holds a connection with `LISTEN` in effect.
    public var isListening: Bool { listening.load(ordering: .acquiring) }

    /// Publishes `text` to every listener. Throws `DomainError.unavailable` when the database cannot be reached.
    public func publish(_ text: String) async throws {
        let channel = name
        if text.utf8.count <= Self.inlineLimit {
            _ = try await database.collect("SELECT pg_notify(\(channel), \("m:" + text))::text") { _ in () }
            return
        }
        // One statement: clear payloads older than five minutes, store this one, notify with its id.
        _ = try await database.collect(
            """
            WITH expired AS (DELETE FROM cluster_payloads WHERE created_at < now() - interval '5 minutes'),
                 stored AS (INSERT INTO cluster_payloads (payload) VALUES (\(text)) RETURNING id)
            SELECT pg_notify(\(channel), 't:' || id)::text FROM stored
            """
        ) { _ in () }
    }

    /// Listens until the calling task is cancelled, handing every published text to `receive` in arrival
    /// order. Reconnects after a lost connection (1 s apart); `isListening` tells when it is in effect.
    public func listen(_ receive: @escaping @Sendable (String) async -> Void) async {
        let logger = database.logger
        while !Task.isCancelled {
            do {
                try await database.client.withConnection { connection in
                    try await connection.listen(on: self.name) { notifications in
                        self.listening.store(true, ordering: .releasing)
                        for try await notification in notifications {
                            guard let text = await self.resolve(notification.payload) else { continue }
                            await receive(text)
                        }
                    }
                }
            } catch {
                if !Task.isCancelled {
                    logger.warning("postgres: notification listener lost", metadata: ["channel": "\(name)", "error": "\(String(reflecting: type(of: error)))"])
                }
            }
            listening.store(false, ordering: .releasing)
            try? await Task.sleep(for: .seconds(1))
        }
    }

    /// The published text a notification stands for; nil when its stored payload is gone or unreadable.
    private func resolve(_ payload: String) async -> String? {
        if payload.hasPrefix("m:") { return String(payload.dropFirst(2)) }
        guard payload.hasPrefix("t:"), let id = Int64(payload.dropFirst(2)) else { return nil }
        return try? await database.collect("SELECT payload FROM cluster_payloads WHERE id = \(id)") {
            try $0.decode(String.self)
        }.first
    }
}
