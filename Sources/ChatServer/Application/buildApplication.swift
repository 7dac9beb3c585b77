import ChatAuth
import ChatDomain
import ChatRealtime
import Foundation
import Hummingbird
import Logging

/// Builds the whole server from a configuration: adapters, use cases, routes and middleware. Used by
/// `chat-server serve` and by the end-to-end tests alike.
public func buildApplication(
    _ configuration: AppConfiguration, logger: Logger = Logger(label: "chat-server")
) async throws -> some ApplicationProtocol {
    var logger = logger
    logger.logLevel = configuration.logLevel
    let backends = try await Backends.open(configuration, logger: logger)
    let sessions = backends.repositories.sessions
    let tokens = TokenServices(
        issuer: await JWTTokenIssuer(secret: configuration.jwtSecret, lifetime: configuration.accessTokenLifetime),
        refreshTokens: OpaqueRefreshTokens(), refreshTokenLifetime: TimeInterval(configuration.refreshTokenLifetime))
    let repositories = backends.repositories
    let io = SocketIOServer(
        configuration: SocketIOConfiguration(allowedOrigins: configuration.allowedOrigins), logger: logger)
    let events = SocketEventBus(io: io, chats: GetChat(chats: repositories.chats, users: repositories.users), logger: logger)
    let services = ChatServices(
        repositories: repositories, hasher: BcryptPasswordHasher(cost: configuration.bcryptCost),
        tokens: tokens, gate: CachedSessionGate(sessions: sessions), events: events)
    ChatGateway(
        io: io, services: services,
        presence: Presence(chats: repositories.chats, users: repositories.users, clock: SystemClock()),
        typing: TypingTracker(timeout: configuration.typingTimeout, events: events), logger: logger
    ).register()

    let router = Router(context: ChatRequestContext.self)
    router.add(middleware: RequestLogMiddleware())
    if !configuration.allowedOrigins.isEmpty {
        router.add(middleware: AllowedOriginsCORSMiddleware(origins: Set(configuration.allowedOrigins)))
    }
    router.add(middleware: ErrorMiddleware())
    HealthRoutes(probes: backends.probes).register(on: router)
    io.mount(on: router)

    let maxBody = configuration.maxJSONBodyBytes
    let authenticated = AuthenticationMiddleware(authenticate: services.authenticate)
    AuthRoutes(
        services: services,
        limiter: LoginRateLimiter(
            attemptsPerAddress: configuration.loginRatePerIP, failuresPerAccount: configuration.loginFailuresPerAccount),
        cookies: RefreshCookie(secure: configuration.isProduction, lifetime: configuration.refreshTokenLifetime),
        maxBody: maxBody
    ).register(public: router.group("auth"), authenticated: router.group("auth").add(middleware: authenticated))
    UserRoutes(services: services, maxBody: maxBody).register(on: router.group("users").add(middleware: authenticated))
    let chats = router.group("chats").add(middleware: authenticated)
    ChatRoutes(services: services, maxBody: maxBody).register(on: chats)
    MessageRoutes(services: services, maxBody: maxBody).register(on: chats)
    let files = FileServices(
        repositories: backends.repositories, blobs: backends.blobs, maximumBytes: configuration.maxUploadBytes,
        updateChat: services.updateChat)
    FileRoutes(files: files).register(
        on: router.group("files").add(middleware: authenticated).add(middleware: FileUploadErrorMiddleware()))
    AvatarRoutes(files: files, services: services).register(
        users: router.group("users").add(middleware: authenticated).add(middleware: FileUploadErrorMiddleware()),
        chats: router.group("chats").add(middleware: authenticated).add(middleware: FileUploadErrorMiddleware()))

    var app = Application(
        router: router,
        server: .engineIO(io),
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: nil),
        services: backends.services,
        logger: logger)
    for check in backends.startupChecks { app.beforeServerStarts(perform: check) }
    return app
}
