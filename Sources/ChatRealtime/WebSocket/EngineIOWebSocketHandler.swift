import NIOCore
import NIOWebSocket

/// Serves one upgraded WebSocket on its event loop, with no task while the connection is idle.
///
/// Inbound, it answers pings, runs the closing handshake, fails the connection on protocol errors (1002, unmasked
/// frames included), oversized frames and messages (1009) and invalid text (1007), and hands complete messages to the
/// Engine.IO session in arrival order (see `+Delivery`). Outbound, it turns the session's `EngineFrame`s into WebSocket frames
/// and refuses them once the closing handshake has started.
final class EngineIOWebSocketHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = WebSocketFrame
    typealias OutboundIn = EngineFrame
    typealias OutboundOut = WebSocketFrame

    /// How long the peer has to answer our close frame before the connection is closed anyway.
    static let closeHandshakeTimeout = TimeAmount.seconds(3)

    enum State {
        case open
        case closeSent
        case closed
    }

    var state = State.open
    var assembler: WebSocketMessageAssembler
    var link: WebSocketSessionLink
    var undelivered: [WebSocketEvent] = []
    var isDelivering = false
    var isReadWithheld = false
    var connection: WebSocketConnection?
    var context: ChannelHandlerContext?
    private var closeDeadline: Scheduled<Void>?

    init(link: WebSocketSessionLink, maxMessageSize: Int) {
        self.link = link
        self.assembler = WebSocketMessageAssembler(maxSize: maxMessageSize)
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
        let connection = WebSocketConnection(channel: context.channel)
        self.connection = connection
        // The session is opened (or the probe begun) right away: the client waits for the open packet.
        startDelivery()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.context = nil
        closeDeadline?.cancel()
        closeDeadline = nil
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let frame = unwrapInboundIn(data)
        guard state == .open else {
            if state == .closeSent, frame.opcode == .connectionClose { closeChannel(context) }
            return
        }
        // RFC 6455 §5.1: a server closes the connection on an unmasked client frame.
        guard frame.reservedBits.isEmpty, frame.maskKey != nil else { return fail(.protocolError, context: context) }
        switch frame.opcode {
        case .ping:
            let pong = WebSocketFrame(fin: true, opcode: .pong, data: frame.unmaskedData)
            context.writeAndFlush(wrapOutboundOut(pong), promise: nil)
        case .pong:
            break
        case .connectionClose:
            answerClose(frame, context: context)
        default:
            do {
                if let message = try assembler.add(frame) { enqueue(.message(message)) }
            } catch {
                fail(error.closeCode, context: context)
            }
        }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        switch event {
        case ChannelEvent.inputClosed:
            // The peer half-closed without a close frame: nothing more will come, so the WebSocket ends.
            closeChannel(context)
        case is ChannelShouldQuiesceEvent:
            if case .detached = link { startClosingHandshake(context) } else { enqueue(.shutdown) }
        default:
            context.fireUserInboundEventTriggered(event)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        state = .closed
        enqueue(.closed)
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        switch error as? NIOWebSocketError {
        case .invalidFrameLength?:
            fail(.messageTooLarge, context: context)
        case .fragmentedControlFrame?, .multiByteControlFrameLength?:
            fail(.protocolError, context: context)
        case nil:
            closeChannel(context)
        }
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        guard state == .open else {
            promise?.fail(ChannelError.outputClosed)
            return
        }
        let frame: WebSocketFrame
        switch unwrapOutboundIn(data) {
        case .text(let text):
            frame = WebSocketFrame(fin: true, opcode: .text, data: context.channel.allocator.buffer(string: text))
        case .binary(let bytes):
            frame = WebSocketFrame(fin: true, opcode: .binary, data: bytes)
        }
        context.write(wrapOutboundOut(frame), promise: promise)
    }

    func triggerUserOutboundEvent(context: ChannelHandlerContext, event: Any, promise: EventLoopPromise<Void>?) {
        guard event is WebSocketCloseRequest else {
            return context.triggerUserOutboundEvent(event, promise: promise)
        }
        startClosingHandshake(context)
        promise?.succeed()
    }

    func read(context: ChannelHandlerContext) {
        // Backpressure: while the session is busy with earlier messages, the socket is not read.
        if isDelivering {
            isReadWithheld = true
        } else {
            context.read()
        }
    }

    /// Sends a close frame (1000) and gives the peer `closeHandshakeTimeout` to answer with its own.
    func startClosingHandshake(_ context: ChannelHandlerContext) {
        guard state == .open else { return }
        state = .closeSent
        context.writeAndFlush(wrapOutboundOut(Self.closeFrame(.normalClosure, context: context)), promise: nil)
        let loopBound = NIOLoopBound(self, eventLoop: context.eventLoop)
        closeDeadline = context.eventLoop.scheduleTask(in: Self.closeHandshakeTimeout) {
            if let context = loopBound.value.context { loopBound.value.closeChannel(context) }
        }
    }

    /// The peer started the closing handshake: answer with its code (as RFC 6455 asks), then close.
    private func answerClose(_ frame: WebSocketFrame, context: ChannelHandlerContext) {
        var payload = frame.unmaskedData
        let code: WebSocketErrorCode
        switch payload.readableBytes {
        case 0: code = .normalClosure
        case 1: code = .protocolError
        default: code = payload.readWebSocketErrorCode().flatMap(Self.echoable) ?? .protocolError
        }
        state = .closed
        let loopBound = NIOLoopBound(self, eventLoop: context.eventLoop)
        context.writeAndFlush(wrapOutboundOut(Self.closeFrame(code, context: context))).whenComplete { _ in
            if let context = loopBound.value.context { loopBound.value.closeChannel(context) }
        }
    }

    /// Fails the connection: a close frame with `code`, then the TCP connection closes.
    private func fail(_ code: WebSocketErrorCode, context: ChannelHandlerContext) {
        guard state != .closed else { return }
        state = .closed
        let loopBound = NIOLoopBound(self, eventLoop: context.eventLoop)
        context.writeAndFlush(wrapOutboundOut(Self.closeFrame(code, context: context))).whenComplete { _ in
            if let context = loopBound.value.context { loopBound.value.closeChannel(context) }
        }
    }

    private func closeChannel(_ context: ChannelHandlerContext) {
        state = .closed
        context.close(promise: nil)
    }

    private static func closeFrame(_ code: WebSocketErrorCode, context: ChannelHandlerContext) -> WebSocketFrame {
        var data = context.channel.allocator.buffer(capacity: 2)
        data.write(webSocketErrorCode: code)
        return WebSocketFrame(fin: true, opcode: .connectionClose, data: data)
    }

    /// The received close code if it may be sent back: 1000–1003, 1007–1011 and the 3000–4999 ranges.
    private static func echoable(_ code: WebSocketErrorCode) -> WebSocketErrorCode? {
        let number = UInt16(webSocketErrorCode: code)
        switch number {
        case 1000...1003, 1007...1011, 3000...4999: return code
        default: return nil
        }
    }
}
