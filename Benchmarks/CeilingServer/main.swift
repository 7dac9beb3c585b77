import ChatInMemory
import ChatServer
import Logging
import ServiceLifecycle

// `chat-server` with messages kept in memory (`DetachedMemoryMessageRepository`; users, chats and sessions stay in
// the configured database): the benchmark's ceiling, to measure what persisting messages costs. Configured like
// chat-server (environment and .env); serves until SIGTERM or SIGINT.
let logger = Logger(label: "chat-server-in-memory")
let configuration = try await AppConfiguration.loadFromEnvironment(logger: logger)
let app = try await buildApplication(configuration, logger: logger, messages: DetachedMemoryMessageRepository())
let group = ServiceGroup(
    configuration: .init(services: [.init(service: app)], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
try await group.run()
