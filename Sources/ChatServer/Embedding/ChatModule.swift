import ChatAuth
import ChatDomain
import ChatRealtime
import CoreMetrics
import Foundation
import Hummingbird
import Logging
import ServiceLifecycle

/// The whole chat (use cases, REST routes, the Socket.IO gateway) as a part of a Hummingbird application: mount
/// its routes under a prefix of your router, serve its Socket.IO server with your application
/// (`server: .engineIO(module.io, …)`), and run its `services` in your service group. `buildApplication`, which
/// `chat-server` serves, is built the same way.
///
/// ```swift
/// let adapters = try await ChatAdapters.open(configuration, logger: logger)
/// let module = await ChatModule(configuration, adapters: adapters, logger: logger)
/// let router = Router(context: ChatRequestContext.self)
/// router.get("hello") { _, _ in "mine" }
/// module.mount(on: router, at: "api")
/// let app = Application(router: router, server: .engineIO(module.io), services: module.services)
/// ```
public struct ChatModule: Sendable {
    /// The Socket.IO server of the chat's gateway: the application must serve its WebSocket upgrades
    /// (`server: .engineIO(io, …)`); `mount` serves its long-polling.
    public let io: SocketIOServer
    /// Every use case, over the module's adapters: for the host's own routes, tests, or to create users when the
    /// host signs them in itself.
    public let useCases: ChatServices
    /// What must run for the chat to work: the adapters' services and the clean-up of unreferenced files. Run them
    /// in the application's service group.
    public let services: [any Service]
    /// Checks that must pass before the application accepts connections (`Application.beforeServerStarts`).
    public let startupChecks: [@Sendable () async throws -> Void]

    let configuration: AppConfiguration
    let authentication: ChatAuthentication
    let limits: RateLimits
    let files: FileServices
    let probes: [any ReadinessProbe]
    /// Counts the module's HTTP requests, when given.
    let httpMetrics: (any MetricsFactory)?

    /// The chat over `adapters`, configured by `configuration` (its database, storage, host, port and cluster
    /// settings are not read: the adapters and the host's application decide those). Registers the Socket.IO
    /// gateway on `io` (a new server allowing `configuration.allowedOrigins` when nil). With `metrics`, counts
    /// `chat_messages_sent_total` and the module's HTTP requests (`http_requests_total`,
    /// `http_request_duration_seconds`, by method, route pattern and status) in the host's metrics.
    public init(
        _ configuration: AppConfiguration, adapters: ChatAdapters, io: SocketIOServer? = nil,
        authentication: ChatAuthentication = .chatTokens, metrics: (any MetricsFactory)? = nil, logger: Logger
    ) async {
        let io = io ?? SocketIOServer(
            configuration: SocketIOConfiguration(allowedOrigins: configuration.allowedOrigins), logger: logger)
        let backends = Backends(
            repositories: adapters.repositories, blobs: adapters.blobs, probes: adapters.probes,
            services: adapters.services, postgres: nil,
            sessionGate: CachedSessionGate(
                sessions: adapters.repositories.sessions, ttl: configuration.sessionCheckInterval),
            startupChecks: adapters.startupChecks)
        await self.init(
            configuration, backends: backends, io: io, authentication: authentication,
            messagesSent: metrics.map { CoreMetrics.Counter(label: "chat_messages_sent_total", factory: $0) },
            httpMetrics: metrics, cleansUpFiles: true, logger: logger)
    }

    /// The module over opened backends (a cluster connected or not); `messagesSent` counts committed messages and
    /// `httpMetrics` the module's requests, when given.
    init(
        _ configuration: AppConfiguration, backends: Backends, io: SocketIOServer, authentication: ChatAuthentication,
        messagesSent: CoreMetrics.Counter?, httpMetrics: (any MetricsFactory)?, cleansUpFiles: Bool, logger: Logger
    ) async {
        let tokens = TokenServices(
            issuer: await JWTTokenIssuer(secret: configuration.jwtSecret, lifetime: configuration.accessTokenLifetime),
            refreshTokens: OpaqueRefreshTokens(),
            refreshTokenLifetime: TimeInterval(configuration.refreshTokenLifetime))
        let repositories = backends.repositories
        let events = SocketEventBus(
            io: io, chats: GetChat(chats: repositories.chats, users: repositories.users), logger: logger)
        let services = ChatServices(
            repositories: repositories, hasher: BcryptPasswordHasher(cost: configuration.bcryptCost),
            tokens: tokens, gate: backends.sessionGate,
            events: messagesSent.map { MessageCountingEventBus(events, counter: $0) } ?? events)
        let limits = RateLimits(configuration)
        ChatGateway(
            io: io, services: services, authentication: authentication, limits: limits,
            presence: Presence(chats: repositories.chats, users: repositories.users, clock: SystemClock()),
            tracker: PresenceTracker(cluster: backends.presence),
            typing: TypingTracker(timeout: configuration.typingTimeout, events: events), logger: logger
        ).register()
        var running = backends.services
        if cleansUpFiles {
            // After the database's service, so that it stops first at shutdown.
            running.append(FileCleanupService(configuration, files: repositories.files, blobs: backends.blobs, logger: logger))
        }
        self.io = io
        self.useCases = services
        self.services = running
        self.startupChecks = backends.startupChecks
        self.configuration = configuration
        self.authentication = authentication
        self.limits = limits
        self.files = FileServices(
            repositories: repositories, blobs: backends.blobs, maximumBytes: configuration.maxUploadBytes,
            updateChat: services.updateChat)
        self.probes = backends.probes
        self.httpMetrics = httpMetrics
    }

    /// Serves Socket.IO's long-polling at `/socket.io/` on `router` and every REST route of the chat under
    /// `prefix` (`""` for the root): `<prefix>/health`, `<prefix>/auth/…`, `<prefix>/chats/…` and the rest.
    public func mount(on router: Router<ChatRequestContext>, at prefix: String) {
        io.mount(on: router)
        registerRoutes(on: router.group(RouterPath(prefix)))
    }

    /// Registers every REST route of the chat on `group`, each answering errors as the contract says.
    public func registerRoutes(on group: RouterGroup<ChatRequestContext>) {
        let measured = httpMetrics.map { group.add(middleware: HTTPMetricsMiddleware(factory: $0)) } ?? group
        let api = measured.add(middleware: ErrorMiddleware())
        HealthRoutes(probes: probes).register(on: api)
        OpenAPIRoutes().register(on: api)
        let maxBody = configuration.maxJSONBodyBytes
        let services = useCases
        let authenticated = AuthenticationMiddleware(authentication: authentication, services: services)
        if case .chatTokens = authentication {
            AuthRoutes(
                services: services,
                limits: limits,
                cookies: RefreshCookie(secure: configuration.isProduction, lifetime: configuration.refreshTokenLifetime),
                maxBody: maxBody
            ).register(public: api.group("auth"), authenticated: api.group("auth").add(middleware: authenticated))
        }
        UserRoutes(services: services, maxBody: maxBody).register(on: api.group("users").add(middleware: authenticated))
        let chats = api.group("chats").add(middleware: authenticated)
        ChatRoutes(services: services, maxBody: maxBody).register(on: chats)
        MessageRoutes(services: services, messageLimit: limits.messages, maxBody: maxBody).register(on: chats)
        ReactionRoutes(services: services).register(on: chats)
        MessageSearchRoutes(services: services).register(on: api.group("messages").add(middleware: authenticated))
        FileRoutes(files: files).register(
            on: api.group("files").add(middleware: authenticated).add(middleware: FileUploadErrorMiddleware()))
        AvatarRoutes(files: files, services: services).register(
            users: api.group("users").add(middleware: authenticated).add(middleware: FileUploadErrorMiddleware()),
            chats: api.group("chats").add(middleware: authenticated).add(middleware: FileUploadErrorMiddleware()))
    }
}
