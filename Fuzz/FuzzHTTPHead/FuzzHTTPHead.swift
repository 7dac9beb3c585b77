import ChatRealtime
import Logging
import NIOCore
import NIOEmbedded

/// libFuzzer entry point for the bytes a client sends before the router sees a request, through the server's own
/// HTTP/1 pipeline (`EngineIOHTTP1Channel.setup`: NIO's request decoder with Hummingbird's default limits,
/// `HTTPConnectionGuard`, the WebSocket upgrader of a mounted Engine.IO server, then Engine.IO's WebSocket handler
/// or the HTTP/1-to-HTTPTypes codec). The first byte sets the size of the pieces the rest arrives in. Errors are
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

/// One Engine.IO server on `/engine.io`, echoing nothing: the upgrader asks it about every handshake.
private let engine = EngineIOServer(configuration: .init(path: "/engine.io")) { _ in SilentHandler() }

private struct SilentHandler: EngineIOSessionHandler {
    func session(_ session: EngineIOSession, didReceive message: EngineIOMessage) async {}
    func session(_ session: EngineIOSession, didCloseWith reason: EngineIOCloseReason) async {}
}

/// An embedded channel with the server's HTTP/1 pipeline.
private func makeChannel() throws -> EmbeddedChannel {
    let channel = EmbeddedChannel()
    let server = EngineIOHTTP1Channel(
        responder: { _, _, _ in }, servers: [engine], configuration: .init(), timeouts: .init())
    _ = try server.setup(channel: channel, logger: Logger(label: "fuzz")).wait()
    return channel
}
