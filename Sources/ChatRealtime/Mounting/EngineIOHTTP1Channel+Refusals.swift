import HTTPTypes
import HummingbirdCore
import Logging
import NIOCore
import NIOHTTPTypes

extension EngineIOHTTP1Channel {
    /// Answers a refused WebSocket handshake with a bare 400 (426 and the version we speak, for another WebSocket
    /// version) and closes the connection.
    static func refuse(
        _ http: NIOAsyncChannel<HTTPRequestPart, HTTPResponsePart>, _ refusal: WebSocketRefusal, logger: Logger
    ) async {
        logger.debug("WebSocket upgrade refused", metadata: ["refusal": "\(refusal)"])
        do {
            try await http.executeThenClose { _, outbound in
                var head = HTTPResponse(status: .badRequest, headerFields: [.connection: "close", .contentLength: "0"])
                if refusal == .unsupportedVersion {
                    head.status = .upgradeRequired
                    head.headerFields[.upgrade] = "websocket"
                    head.headerFields[.secWebSocketVersion] = "13"
                }
                try await outbound.write(contentsOf: [.head(head), .end(nil)])
            }
        } catch {
            logger.trace("Could not answer the refused upgrade", metadata: ["error": "\(error)"])
        }
    }

    /// Wraps `responder` so that a WebSocket handshake arriving after other requests on a keep-alive
    /// connection (which NIO can no longer upgrade) is redirected to the same URI with `Connection: close`:
    /// the client retries on a fresh connection, where the upgrade works.
    static func redirectingLateUpgrades(_ responder: @escaping HTTPChannelHandler.Responder) -> HTTPChannelHandler.Responder {
        { request, responseWriter, channel in
            guard request.headers[.upgrade]?.lowercased() == "websocket" else {
                return try await responder(request, responseWriter, channel)
            }
            var location = request.uri.path
            if let query = request.uri.query { location += "?\(query)" }
            let response = HTTPResponse(status: .temporaryRedirect, headerFields: [.connection: "close", .location: location])
            try await responseWriter.writeResponse(response)
            throw LateUpgradeRedirected()
        }
    }
}

/// Ends the connection after a late upgrade was redirected.
private struct LateUpgradeRedirected: Error {}
