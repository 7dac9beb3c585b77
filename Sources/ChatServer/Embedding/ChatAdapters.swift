import ChatDomain
import Foundation
import Logging
import ServiceLifecycle

/// The ports the chat runs on: its repositories and blob store, with the services and readiness probes they
/// need. Open the configured ones (`open`), or give your own (`ChatInMemory`'s, or yours).
public struct ChatAdapters: Sendable {
    /// Users, chats, messages, search, sessions, files and reactions.
    public var repositories: Repositories
    /// Where file contents live.
    public var blobs: any BlobStore
    /// Long-running services the adapters need (a PostgreSQL connection pool…): run them in the application's
    /// service group, which `ChatModule.services` includes.
    public var services: [any Service]
    /// What `/ready` checks.
    public var probes: [any ReadinessProbe]
    /// Checks that must pass before the server accepts connections (a PostgreSQL schema that is not behind).
    public var startupChecks: [@Sendable () async throws -> Void]

    /// Adapters of your choosing; nothing to run and nothing to check unless given.
    public init(
        repositories: Repositories, blobs: any BlobStore, services: [any Service] = [],
        probes: [any ReadinessProbe] = [], startupChecks: [@Sendable () async throws -> Void] = []
    ) {
        self.repositories = repositories
        self.blobs = blobs
        self.services = services
        self.probes = probes
        self.startupChecks = startupChecks
    }

    /// The database and storage `configuration` names: by default SQLite in `./data/chat.sqlite` (migrated on
    /// open) and files in `./data/files`; PostgreSQL must already be migrated, which a start-up check verifies.
    public static func open(_ configuration: AppConfiguration, logger: Logger) async throws -> ChatAdapters {
        let backends = try await Backends.open(configuration, logger: logger)
        return ChatAdapters(
            repositories: backends.repositories, blobs: backends.blobs, services: backends.services,
            probes: backends.probes, startupChecks: backends.startupChecks)
    }
}
