import Foundation
import HummingbirdWebSocket
import HummingbirdCore
import HTTPTypes
import Logging
import NIOCore

extension EngineIOServer {
    /// The WebSocket upgrade decision for the Engine.IO path, for
    /// `.http1WebSocketUpgrade(configuration:shouldUpgrade:)`.
    ///
    /// Upgrades only requests to the configured path with `EIO=4&transport=websocket`, and, when a `sid`
    /// is given, only if that session is on polling with no upgrade in progress. Everything else gets
    /// `.dontUpgrade` (the HTTP routes then answer it, or the client sees a 400).
    public func shouldUpgrade<Context: WebSocketContext>(
        request: HTTPRequest,
        channel: any Channel,
        logger: Logger
    ) async -> ShouldUpgradeResult<WebSocketDataHandler<Context>> {
        let uri = URI(request.path ?? "/")
        guard Self.normalized(uri.path) == configuration.normalizedPath else { return .dontUpgrade }
        let query = Self.queryDictionary(uri)
        guard query["EIO"] == "4", query["transport"] == EngineIOTransportKind.websocket.rawValue else { return .dontUpgrade }
        if configuration.checksWebSocketOrigin, let origin = request.headerFields[.origin], !isAllowed(origin: origin) {
            return .dontUpgrade
        }
        let handshake = EngineIOHandshake(headers: request.headerFields, query: query)
        let eventLoop = channel.eventLoop
        guard let sid = query["sid"] else {
            return .upgrade([:]) { inbound, outbound, _ in
                await self.serveNewWebSocket(inbound: inbound, outbound: outbound, handshake: handshake, eventLoop: eventLoop)
            }
        }
        // Like the reference server: a known sid gets its WebSocket, which is closed at once unless the session
        // can upgrade (still on polling, no other probe); an unknown sid is refused.
        guard let session = registry[sid] else { return .dontUpgrade }
        return .upgrade([:]) { inbound, outbound, _ in
            await self.serveUpgrade(of: session, inbound: inbound, outbound: outbound)
        }
    }

    /// The configuration for `.http1WebSocketUpgrade`: frames up to `maxPayload`, no automatic WebSocket
    /// pings (Engine.IO has its own heartbeat), no compression (it would multiply memory per connection).
    public var webSocketUpgradeConfiguration: HTTP1WebSocketUpgradeChannel.Configuration {
        .init(ws: webSocketConfiguration)
    }

    /// The WebSocket settings alone, for the router form (`WebSocketRouter`) or a custom server setup.
    public var webSocketConfiguration: WebSocketServerConfiguration {
        WebSocketServerConfiguration(maxFrameSize: configuration.maxPayload, extensions: [], autoPing: .disabled)
    }

    private func serveNewWebSocket(
        inbound: WebSocketInboundStream,
        outbound: WebSocketOutboundWriter,
        handshake: EngineIOHandshake,
        eventLoop: any EventLoop
    ) async {
        let connection = WebSocketConnection(writer: outbound)
        let (session, _) = await openSession(handshake: handshake, transport: .websocket(connection), eventLoop: eventLoop)
        await read(inbound, from: connection, into: session)
    }

    private func serveUpgrade(of session: EngineIOSession, inbound: WebSocketInboundStream, outbound: WebSocketOutboundWriter) async {
        let connection = WebSocketConnection(writer: outbound)
        guard await session.beginProbe(connection) else {
            await connection.close()
            return
        }
        await read(inbound, from: connection, into: session)
    }

    private func read(_ inbound: WebSocketInboundStream, from connection: WebSocketConnection, into session: EngineIOSession) async {
        do {
            for try await message in inbound.messages(maxSize: configuration.maxPayload) {
                guard await session.receive(message, from: connection) else { break }
            }
        } catch {
            logger.debug("WebSocket read ended", metadata: ["sid": "\(session.id)", "error": "\(error)"])
        }
        await session.webSocketEnded(connection)
    }

    static func normalized(_ path: String) -> String {
        var result = path
        while result.count > 1 && result.hasSuffix("/") { result.removeLast() }
        return result
    }
}
