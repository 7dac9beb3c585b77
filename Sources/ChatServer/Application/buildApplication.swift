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
    var backends = try await Backends.open(configuration, logger: logger)
    let io = SocketIOServer(
        configuration: SocketIOConfiguration(allowedOrigins: configuration.allowedOrigins), logger: logger)
    try backends.connectCluster(configuration.cluster, io: io, logger: logger)
    let router = await buildRouter(configuration, backends: backends, io: io, logger: logger)

    var app = Application(
        router: router,
        server: .engineIO(io, timeouts: configuration.httpTimeouts),
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: nil),
        services: backends.services,
        logger: logger)
    for check in backends.startupChecks { app.beforeServerStarts(perform: check) }
    return app
}
