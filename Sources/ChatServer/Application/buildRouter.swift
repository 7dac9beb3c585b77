import ChatAuth
import ChatDomain
import ChatRealtime
import Foundation
import Hummingbird
import Logging

/// Wires the use cases and the Socket.IO gateway (on `io`) over opened backends, and registers every HTTP route
/// with its middleware, Socket.IO's long-polling included; the application must serve `io`'s WebSocket upgrade.
/// `metrics` (one registry per server, so servers built in one process never share counters) is served on
/// `/metrics` when given.
func buildRouter(
    _ configuration: AppConfiguration, backends: Backends, io: SocketIOServer, metrics: ServerMetrics? = nil,
    logger: Logger
) async -> Router<ChatRequestContext> {
    let tokens = TokenServices(
        issuer: await JWTTokenIssuer(secret: configuration.jwtSecret, lifetime: configuration.accessTokenLifetime),
        refreshTokens: OpaqueRefreshTokens(), refreshTokenLifetime: TimeInterval(configuration.refreshTokenLifetime))
    let repositories = backends.repositories
    let events = SocketEventBus(io: io, chats: GetChat(chats: repositories.chats, users: repositories.users), logger: logger)
    let services = ChatServices(
        repositories: repositories, hasher: BcryptPasswordHasher(cost: configuration.bcryptCost),
        tokens: tokens, gate: backends.sessionGate,
        events: metrics.map { MessageCountingEventBus(events, counter: $0.messagesSent) } ?? events)
    let limits = RateLimits(configuration)
    ChatGateway(
        io: io, services: services, limits: limits,
        presence: Presence(chats: repositories.chats, users: repositories.users, clock: SystemClock()),
        tracker: PresenceTracker(cluster: backends.presence),
        typing: TypingTracker(timeout: configuration.typingTimeout, events: events), logger: logger
    ).register()

    let router = Router(context: ChatRequestContext.self)
    if let metrics { router.add(middleware: HTTPMetricsMiddleware(factory: metrics.factory)) }
    router.add(middleware: RequestLogMiddleware())
    if !configuration.allowedOrigins.isEmpty {
        router.add(middleware: AllowedOriginsCORSMiddleware(origins: Set(configuration.allowedOrigins)))
    }
    router.add(middleware: ErrorMiddleware())
    HealthRoutes(probes: backends.probes).register(on: router)
    if let metrics { MetricsRoutes(metrics: metrics).register(on: router) }
    OpenAPIRoutes().register(on: router)
    io.mount(on: router)

    let maxBody = configuration.maxJSONBodyBytes
    let authenticated = AuthenticationMiddleware(authenticate: services.authenticate)
    AuthRoutes(
        services: services,
        limits: limits,
        cookies: RefreshCookie(secure: configuration.isProduction, lifetime: configuration.refreshTokenLifetime),
        maxBody: maxBody
    ).register(public: router.group("auth"), authenticated: router.group("auth").add(middleware: authenticated))
    UserRoutes(services: services, maxBody: maxBody).register(on: router.group("users").add(middleware: authenticated))
    let chats = router.group("chats").add(middleware: authenticated)
    ChatRoutes(services: services, maxBody: maxBody).register(on: chats)
    MessageRoutes(services: services, messageLimit: limits.messages, maxBody: maxBody).register(on: chats)
    ReactionRoutes(services: services).register(on: chats)
    MessageSearchRoutes(services: services).register(on: router.group("messages").add(middleware: authenticated))
    let files = FileServices(
        repositories: backends.repositories, blobs: backends.blobs, maximumBytes: configuration.maxUploadBytes,
        updateChat: services.updateChat)
    FileRoutes(files: files).register(
        on: router.group("files").add(middleware: authenticated).add(middleware: FileUploadErrorMiddleware()))
    AvatarRoutes(files: files, services: services).register(
        users: router.group("users").add(middleware: authenticated).add(middleware: FileUploadErrorMiddleware()),
        chats: router.group("chats").add(middleware: authenticated).add(middleware: FileUploadErrorMiddleware()))
    return router
}
