import ChatDomain
import ChatPersistence
import Foundation
import Logging
import ServiceLifecycle

/// A `SessionGate` for a cluster: answers from this node's gate, and tells every other node when sessions are
/// revoked (over a PostgreSQL notification channel), so a revoked access token stops working on every node at
/// once instead of when their cached answers expire. Runs as a service: it listens until shutdown.
struct ClusterSessionGate: SessionGate, Service {
    static let channelName = "chat_sessions"

    let local: any SessionGate
    let channel: PostgresNotificationChannel
    let logger: Logger

    init(local: any SessionGate, database: PostgresDatabase, logger: Logger) {
        self.local = local
        self.channel = PostgresNotificationChannel(database: database, name: Self.channelName)
        self.logger = logger
    }

    func isActive(_ session: SessionID, of user: UserID, at now: Date) async throws -> Bool {
        try await local.isActive(session, of: user, at: now)
    }

    func invalidate(_ sessions: [SessionID]) async {
        await local.invalidate(sessions)
        do {
            try await channel.publish(sessions.map(\.description).joined(separator: ","))
        } catch {
            // The revocation is stored; other nodes see it when their cached answer expires (seconds).
            logger.warning("cluster session revocation not sent", metadata: ["error": "\(String(reflecting: type(of: error)))"])
        }
    }

    func run() async throws {
        await cancelWhenGracefulShutdown {
            await channel.listen { text in
                let sessions = text.split(separator: ",").compactMap { SessionID(String($0)) }
                await local.invalidate(sessions)
            }
        }
    }
}
