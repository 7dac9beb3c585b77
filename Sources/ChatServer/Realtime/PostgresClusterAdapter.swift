import ChatPersistence
import ChatRealtime
import Logging
import ServiceLifecycle

/// `CLUSTER_ADAPTER=postgres`: the Socket.IO servers of every node sharing the database exchange room
/// operations over one PostgreSQL notification channel, so a broadcast, a leave or a disconnect made on one
/// node reaches the sockets connected to the others. Runs as a service: it listens until shutdown.
struct PostgresClusterAdapter: SocketIOClusterAdapter, Service {
    static let channelName = "chat_socketio"

    let channel: PostgresNotificationChannel
    let io: SocketIOServer
    let logger: Logger

    init(database: PostgresDatabase, io: SocketIOServer, logger: Logger) {
        self.channel = PostgresNotificationChannel(database: database, name: Self.channelName)
        self.io = io
        self.logger = logger
    }

    func publish(_ message: SocketIOClusterMessage) async {
        do {
            try await channel.publish(try message.serialized())
        } catch {
            // The local part is done; other nodes' clients catch up through history.
            logger.warning("cluster publish failed", metadata: ["error": "\(String(reflecting: type(of: error)))"])
        }
    }

    func run() async throws {
        try await cancelWhenGracefulShutdown {
            await channel.listen { text in
                guard let message = try? SocketIOClusterMessage(serialized: text) else {
                    logger.warning("cluster message ignored: unreadable")
                    return
                }
                await io.apply(message)
            }
        }
    }
}
