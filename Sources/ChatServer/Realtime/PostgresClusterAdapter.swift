import ChatPersistence
import ChatRealtime
import Logging
import ServiceLifecycle

/// `CLUSTER_ADAPTER=postgres`: the Socket.IO servers of every node sharing the database exchange room
/// operations over one PostgreSQL notification channel, so a broadcast, a leave or a disconnect made on one
/// node reaches the sockets connected to the others. Runs as a service: it listens, and keeps this node's
/// presence heartbeat going, until shutdown, when it takes the node's users out of the presence registry.
struct PostgresClusterAdapter: SocketIOClusterAdapter, Service {
    static let channelName = "chat_socketio"
    static let heartbeatInterval = Duration.seconds(5)

    let channel: PostgresNotificationChannel
    let presence: PostgresPresenceRegistry
    let io: SocketIOServer
    let logger: Logger

    init(database: PostgresDatabase, io: SocketIOServer, logger: Logger) {
        self.channel = PostgresNotificationChannel(database: database, name: Self.channelName)
        self.presence = PostgresPresenceRegistry(database)
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
            await withDiscardingTaskGroup { group in
                group.addTask { await listen() }
                group.addTask { await beat() }
            }
        }
        try? await presence.forget(io.nodeID)
    }

    private func listen() async {
        await channel.listen { text in
            guard let message = try? SocketIOClusterMessage(serialized: text) else {
                logger.warning("cluster message ignored: unreadable")
                return
            }
            await io.apply(message)
        }
    }

    private func beat() async {
        while !Task.isCancelled {
            do {
                try await presence.heartbeat(io.nodeID)
            } catch {
                logger.warning("cluster heartbeat failed", metadata: ["error": "\(String(reflecting: type(of: error)))"])
            }
            try? await Task.sleep(for: Self.heartbeatInterval)
        }
    }
}
