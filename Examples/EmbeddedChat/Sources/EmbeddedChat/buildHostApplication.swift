import ChatServer
import CoreMetrics
import Hummingbird
import Logging

/// The host application: a route of its own, `GET /hello`, and the whole chat contract under `/api` (REST,
/// `/api/health` included) with Socket.IO at `/socket.io/`, over `adapters`, signed in by `authentication`, counted
/// in the host's `metrics` when given.
public func buildHostApplication(
    _ configuration: AppConfiguration, adapters: ChatAdapters, authentication: ChatAuthentication = .chatTokens,
    metrics: (any MetricsFactory)? = nil, logger: Logger
) async -> some ApplicationProtocol {
    let chat = await ChatModule(
        configuration, adapters: adapters, authentication: authentication, metrics: metrics, logger: logger)
    let router = Router(context: ChatRequestContext.self)
    router.get("hello") { _, _ in "Hello from the host application\n" }
    chat.mount(on: router, at: "api")
    var app = Application(
        router: router,
        server: .engineIO(chat.io),
        configuration: .init(address: .hostname(configuration.host, port: configuration.port)),
        services: chat.services,
        logger: logger)
    for check in chat.startupChecks { app.beforeServerStarts(perform: check) }
    return app
}
