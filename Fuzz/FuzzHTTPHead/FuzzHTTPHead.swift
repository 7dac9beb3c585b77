import ChatRealtime
import HTTPTypes
import HummingbirdCore
import NIOCore
import NIOEmbedded
import NIOHTTP1
import NIOHTTPTypes
import NIOHTTPTypesHTTP1
import NIOWebSocket

/// libFuzzer entry point for the bytes a client sends before the router sees a request, through the pipeline
/// `EngineIOHTTP1Channel` builds: NIO's HTTP/1 request decoder with Hummingbird's default limits and the same
/// pipeline options, `HTTPConnectionGuard` right after the decoder (removed on upgrade), the typed upgrade handler
/// with a WebSocket upgrader (converting the head to an `HTTPRequest`
/// as the real one does, and accepting `/socket.io/` WebSocket handshakes), then the WebSocket frame decoder or
/// the HTTP/1-to-HTTPTypes codec. The first byte sets the size of the pieces the rest arrives in. Errors are
/// fine; a trap is a finding.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = UnsafeBufferPointer(start: data, count: size)
    guard let control = input.first, let channel = try? makeChannel() else { return 0 }
    let pieceSize = Int(control) + 1
    var start = 1
    while start < input.count {
        let end = min(start + pieceSize, input.count)
        do {
            try channel.writeInbound(ByteBuffer(bytes: input[start..<end]))
        } catch {
            break
        }
        start = end
    }
    _ = try? channel.finish(acceptAlreadyClosed: true)
    return 0
}

/// An embedded channel with the server's HTTP/1 pipeline.
private func makeChannel() throws -> EmbeddedChannel {
    let channel = EmbeddedChannel()
    let upgrader = NIOTypedWebSocketServerUpgrader<Bool>(
        maxFrameSize: 1_000_000,
        enableAutomaticErrorHandling: false,
        shouldUpgrade: { channel, head in
            channel.eventLoop.makeCompletedFuture {
                guard let request = try? HTTPRequest(head, secure: false, splitCookie: false),
                    request.path?.hasPrefix("/socket.io/") == true, request.path?.contains("transport=websocket") == true
                else { return nil }
                return HTTPHeaders()
            }
        },
        upgradePipelineHandler: { channel, _ in
            channel.eventLoop.makeCompletedFuture {
                let operations = channel.pipeline.syncOperations
                operations.removeHandler(context: try operations.context(handlerType: HTTPConnectionGuard.self), promise: nil)
                return true
            }
        }
    )
    let decoder = HTTP1Channel.Configuration().httpDecoder
    var pipeline = NIOUpgradableHTTPServerPipelineConfiguration(
        upgradeConfiguration: NIOTypedHTTPServerUpgradeConfiguration(
            upgraders: [upgrader],
            notUpgradingCompletionHandler: { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(HTTP1ToHTTPServerCodec(secure: false))
                    return false
                }
            }
        )
    )
    pipeline.enablePipelining = false
    pipeline.enableErrorHandling = false
    pipeline.enableResponseHeaderValidation = false
    pipeline.decoderConfiguration.maxHeaderFieldSize = decoder.maxHeaderFieldSize
    pipeline.decoderConfiguration.maxHeaderListSize = decoder.maxHeaderListSize
    pipeline.decoderConfiguration.maxHeaderFieldCount = decoder.maxHeaderFieldCount
    _ = try channel.pipeline.syncOperations.configureUpgradableHTTPServerPipeline(configuration: pipeline)
    let requestDecoder = try channel.pipeline.syncOperations.handler(type: ByteToMessageHandler<HTTPRequestDecoder>.self)
    try channel.pipeline.syncOperations.addHandler(HTTPConnectionGuard(timeouts: .init()), position: .after(requestDecoder))
    return channel
}
