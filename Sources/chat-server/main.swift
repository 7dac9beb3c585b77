import ArgumentParser
import ChatServer
import Hummingbird
import Logging
import ServiceLifecycle

/// The chat server: `serve` (the default) runs it, `migrate` applies database migrations.
@main
struct ChatServerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chat-server",
        abstract: "A self-hostable chat backend: REST, Socket.IO, SQLite or PostgreSQL, local or S3 files.",
        subcommands: [Serve.self, Migrate.self],
        defaultSubcommand: Serve.self)
}

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Start the server (configured from the environment and .env).")

    /// Serves until SIGTERM or SIGINT, then shuts down gracefully: stops accepting, ends every Socket.IO session
    /// (clients reconnect elsewhere), lets requests in flight finish, closes the database, and exits 0. Whatever is
    /// still running after `SHUTDOWN_TIMEOUT` is cancelled.
    func run() async throws {
        let logger = Logger(label: "chat-server")
        let configuration = try await loadConfiguration(logger)
        let app = try await buildApplication(configuration, logger: logger)
        var group = ServiceGroupConfiguration(
            services: [.init(service: app)], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        group.maximumGracefulShutdownDuration = configuration.shutdownTimeout
        group.maximumCancellationDuration = .seconds(5)
        try await ServiceGroup(configuration: group).run()
        logger.info("chat-server stopped")
    }
}

struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Apply pending database migrations and exit.")

    func run() async throws {
        let logger = Logger(label: "chat-server")
        try await migrateDatabase(try await loadConfiguration(logger), logger: logger)
    }
}

/// The configuration, or a clear message naming the bad variable and a non-zero exit.
func loadConfiguration(_ logger: Logger) async throws -> AppConfiguration {
    do {
        return try await AppConfiguration.loadFromEnvironment(logger: logger)
    } catch let error as ConfigurationError {
        throw ValidationError(error.description)
    }
}
