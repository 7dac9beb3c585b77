import ChatDomain
import ChatRealtime
import Foundation
import Hummingbird
import CoreMetrics
import Logging

/// Builds the whole server from a configuration: the configured adapters, a cluster when configured, and the chat
/// module mounted at the root of a router of its own. Used by `chat-server serve` and by the end-to-end tests alike.
///
/// `messages` replaces the configured database's message store (users, chats, sessions and files stay there): the
/// benchmark's in-memory ceiling uses it to measure what persisting messages costs.
public func buildApplication(
    _ configuration: AppConfiguration, logger: Logger = Logger(label: "chat-server"),
    messages: (any MessageRepository)? = nil
) async throws -> some ApplicationProtocol {
    var logger = logger
    logger.logLevel = configuration.logLevel
    var backends = try await Backends.open(configuration, logger: logger)
    if let messages { backends.repositories.messages = messages }
    let io = SocketIOServer(
        configuration: SocketIOConfiguration(allowedOrigins: configuration.allowedOrigins), logger: logger)
    let metrics = configuration.metricsEnabled ? ServerMetrics(connectedSockets: { io.defaultNamespace.socketCount }) : nil
    let advertised = AdvertisedAddress(configuration.clusterAdvertiseURL)
    try backends.connectCluster(
        configuration.cluster, io: io, advertised: advertised, metrics: metrics?.factory ?? NOOPMetricsHandler.instance,
        logger: logger)
    let module = await ChatModule(
        // Requests are counted by the router, Socket.IO's included (buildRouter).
        configuration, backends: backends, io: io, authentication: .chatTokens, messagesSent: metrics?.messagesSent,
        httpMetrics: nil,
        // Not with messages kept elsewhere (the benchmark's ceiling): the clean-up would not see their attachments.
        cleansUpFiles: messages == nil, logger: logger)
    let router = buildRouter(configuration, module: module, metrics: metrics)
    let cluster = backends.cluster
    let host = configuration.host

    var app = Application(
        router: router,
        server: .engineIO(io, timeouts: configuration.httpTimeouts),
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: nil),
        services: module.services,
        onServerRunning: { channel in
            guard let cluster, let port = channel.localAddress?.port else { return }
            await cluster.advertise(advertised.listening(host: host, port: port))
        },
        logger: logger)
    for check in module.startupChecks { app.beforeServerStarts(perform: check) }
    return app
}
