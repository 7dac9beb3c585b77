import HTTPTypes
import HummingbirdCore
import Logging
import NIOCore
import NIOHTTP1
import NIOHTTPTypes
import NIOHTTPTypesHTTP1
import NIOWebSocket

/// Hummingbird's HTTP/1.1 child channel plus Engine.IO WebSocket upgrades served without NIOAsyncChannel.
///
/// The first request of a connection decides: an accepted WebSocket handshake leaves the channel to
/// `EngineIOWebSocketHandler` (and `handle` returns at once; the server does not close the channel when it
/// does); anything else becomes Hummingbird's usual HTTP/1.1 handling, with the same configuration.
struct EngineIOHTTP1Channel: ServerChildChannel, HTTPChannelHandler {
    /// How the first request of a connection was served.
    enum Outcome: Sendable {
        case webSocket
        case http(NIOAsyncChannel<HTTPRequestPart, HTTPResponsePart>)
        case refusedWebSocket(NIOAsyncChannel<HTTPRequestPart, HTTPResponsePart>, WebSocketRefusal)
    }

    struct Value: ServerChildChannelValue {
        let outcome: EventLoopFuture<Outcome>
        let channel: any Channel
    }

    /// Receive buffers start at 512 bytes (NIO's default: 2 KiB) and grow with the traffic. A channel keeps its
    /// last receive buffer for reuse, so this floor is memory that every idle WebSocket holds.
    static let receiveBuffers = AdaptiveRecvByteBufferAllocator(minimum: 64, initial: 512, maximum: 65536)

    let responder: HTTPChannelHandler.Responder
    let servers: [EngineIOServer]
    let configuration: HTTP1Channel.Configuration
    let timeouts: HTTPConnectionTimeouts
    // A `SocketIOServer` is only weakly known to its Engine.IO server: holding it here keeps it alive.
    private let mounted: [any EngineIOMountable]

    init(
        responder: @escaping HTTPChannelHandler.Responder, servers: [any EngineIOMountable],
        configuration: HTTP1Channel.Configuration, timeouts: HTTPConnectionTimeouts
    ) {
        self.responder = Self.redirectingLateUpgrades(responder)
        self.mounted = servers
        self.servers = servers.map(\.engineIOServer)
        self.configuration = configuration
        self.timeouts = timeouts
    }

    /// What the upgrader made of a connection's first request.
    enum Decision {
        case noUpgradeAsked
        case refused(WebSocketRefusal)
        case accepted(WebSocketSessionLink, maxPayload: Int)
    }

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        channel.eventLoop.makeCompletedFuture {
            try channel.syncOptions?.setOption(ChannelOptions.recvAllocator, value: Self.receiveBuffers)
            // Written by the upgrader and read when the first request has been dispatched, all on the channel's
            // event loop; released once the first request is served.
            let decision = NIOLoopBoundBox(Decision.noUpgradeAsked, eventLoop: channel.eventLoop)
            // Every WebSocket handshake starts out refused; only the upgrader's acceptance changes that, so a
            // handshake NIO turns down before asking us is answered too, never served as a plain request.
            let servers = self.servers
            let connectionGuard = HTTPConnectionGuard(timeouts: timeouts) {
                for server in servers { server.shutDownSessions() }
            } onFirstHead: { head in
                if let refusal = WebSocketRefusal(handshake: head) { decision.value = .refused(refusal) }
            }
            var pipeline = NIOUpgradableHTTPServerPipelineConfiguration(
                upgradeConfiguration: NIOTypedHTTPServerUpgradeConfiguration(
                    upgraders: [makeUpgrader(decision, connectionGuard: NIOLoopBound(connectionGuard, eventLoop: channel.eventLoop))],
                    notUpgradingCompletionHandler: { channel in
                        channel.eventLoop.makeCompletedFuture {
                            let http = try serveHTTP(on: channel, logger: logger)
                            if case .refused(let refusal) = decision.value { return .refusedWebSocket(http, refusal) }
                            return .http(http)
                        }
                    }
                )
            )
            pipeline.enablePipelining = false  // NIOAsyncChannel and Hummingbird handle pipelined requests
            pipeline.enableErrorHandling = false  // Hummingbird answers parse errors itself
            pipeline.enableResponseHeaderValidation = false  // HTTPTypes validated the fields already
            pipeline.decoderConfiguration.maxHeaderFieldSize = configuration.httpDecoder.maxHeaderFieldSize
            pipeline.decoderConfiguration.maxHeaderListSize = configuration.httpDecoder.maxHeaderListSize
            pipeline.decoderConfiguration.maxHeaderFieldCount = configuration.httpDecoder.maxHeaderFieldCount
            let outcome = try channel.pipeline.syncOperations.configureUpgradableHTTPServerPipeline(configuration: pipeline)
            let decoder = try channel.pipeline.syncOperations.handler(type: ByteToMessageHandler<HTTPRequestDecoder>.self)
            try channel.pipeline.syncOperations.addHandler(connectionGuard, position: .after(decoder))
            return Value(outcome: outcome, channel: channel)
        }
    }

    func handle(value: Value, logger: Logger) async {
        do {
            switch try await value.outcome.get() {
            case .webSocket:
                return
            case .http(let http):
                await handleHTTP(asyncChannel: http, logger: logger)
            case .refusedWebSocket(let http, let refusal):
                await Self.refuse(http, refusal, logger: logger)
            }
        } catch {
            logger.trace("Connection ended before its first request", metadata: ["error": "\(error)"])
            value.channel.close(promise: nil)
        }
    }

    /// The WebSocket upgrader of one connection: asks the servers, then installs the WebSocket handler.
    private func makeUpgrader(
        _ decision: NIOLoopBoundBox<Decision>, connectionGuard: NIOLoopBound<HTTPConnectionGuard>
    ) -> NIOTypedWebSocketServerUpgrader<Outcome> {
        let servers = self.servers
        return NIOTypedWebSocketServerUpgrader(
            maxFrameSize: Self.maxFrameSize(of: servers),
            // `EngineIOWebSocketHandler` answers decoder errors itself: one handler less per connection.
            enableAutomaticErrorHandling: false,
            shouldUpgrade: { channel, head in
                channel.eventLoop.makeCompletedFuture {
                    decision.value = .refused(.badRequest)
                    guard let request = try? HTTPRequest(head, secure: false, splitCookie: false) else { return nil }
                    for server in servers {
                        if let link = server.webSocketLink(for: request) {
                            decision.value = .accepted(link, maxPayload: server.configuration.maxPayload)
                            return HTTPHeaders()
                        }
                    }
                    return nil
                }
            },
            upgradePipelineHandler: { channel, _ in
                channel.eventLoop.makeCompletedFuture {
                    guard case .accepted(let link, let maxPayload) = decision.value else {
                        throw NIOWebSocketUpgradeError.unsupportedWebSocketTarget
                    }
                    decision.value = .noUpgradeAsked
                    channel.pipeline.syncOperations.removeHandler(connectionGuard.value, promise: nil)
                    let handler = EngineIOWebSocketHandler(link: link, maxMessageSize: maxPayload)
                    try channel.pipeline.syncOperations.addHandler(handler)
                    return .webSocket
                }
            }
        )
    }

    /// Completes the pipeline for plain HTTP/1.1, as `HTTP1Channel` builds it.
    private func serveHTTP(on channel: any Channel, logger: Logger) throws -> NIOAsyncChannel<HTTPRequestPart, HTTPResponsePart> {
        let operations = channel.pipeline.syncOperations
        try operations.addHandler(HTTP1ToHTTPServerCodec(secure: false))
        try operations.addHandlers(configuration.additionalChannelHandlers())
        try operations.addHandler(HTTPConnectionStateHandler(idleTimeout: configuration.idleTimeout.map { .init($0) }, logger: logger))
        return try NIOAsyncChannel(wrappingChannelSynchronously: channel, configuration: .init(isOutboundHalfClosureEnabled: true))
    }

    private static func maxFrameSize(of servers: [EngineIOServer]) -> Int {
        min(servers.map(\.configuration.maxPayload).max() ?? 1 << 14, Int(UInt32.max))
    }
}
