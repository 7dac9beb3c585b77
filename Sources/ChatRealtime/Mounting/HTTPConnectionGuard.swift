import NIOCore
import NIOHTTP1

/// Stands between NIO's HTTP/1.1 request decoder and whatever serves a connection (the WebSocket upgrader, then
/// Hummingbird), and makes sure no client can hold the connection or leave it unanswered:
///
/// - A request head that cannot be parsed, with nothing being served, is answered here: 431 when its fields are
///   too large, 400 otherwise, with `Connection: close`. Nothing after the decoder ever sees it.
/// - A parse error inside a request being served (a bad chunk size, a body cut short) reaches that request's body
///   stream as `MalformedHTTPRequest` (a 400), and the connection closes after its response.
/// - A connection must complete its first request head within `timeouts.requestHead`, and a keep-alive connection
///   its next one within `timeouts.idle` of the last response; otherwise it is closed. A request being served is
///   never timed out.
/// - When the server half-closes (after `Connection: close` or a parse error), the connection keeps draining what
///   the client sends until the client closes or `timeouts.lingering` passes, then closes outright, so its
///   descriptor is released either way (no socket left in FIN_WAIT2 holding one).
///
/// When the server begins a graceful shutdown (`ChannelShouldQuiesceEvent`), `onQuiesce` is called before the
/// event goes on. Remove the guard once the connection is upgraded to another protocol.
package final class HTTPConnectionGuard: ChannelDuplexHandler, RemovableChannelHandler {
    package typealias InboundIn = HTTPServerRequestPart
    package typealias InboundOut = HTTPServerRequestPart
    package typealias OutboundIn = HTTPServerResponsePart
    package typealias OutboundOut = HTTPServerResponsePart

    private let timeouts: HTTPConnectionTimeouts
    private let onFirstHead: (HTTPRequestHead) -> Void
    private let onQuiesce: () -> Void
    private var requestsStarted = 0
    private var responsesEnded = 0
    private var isResponding = false
    /// The decoder failed while a request was being served; the connection ends after that response.
    private var decoderFailed = false
    private var closeAfterResponse = false
    /// The server has half-closed: input is drained and dropped until the connection closes.
    private var isLingering = false
    /// The first request asked for a WebSocket: the upgrader decides, and on upgrade the HTTP decoder forwards the
    /// bytes after the handshake raw, so inbound data passes through untouched until the guard is removed.
    private var isUpgrading = false
    private var timer: Scheduled<Void>?

    /// A guard with these limits; `onFirstHead` sees the connection's first request head before anything else.
    package init(
        timeouts: HTTPConnectionTimeouts, onQuiesce: @escaping () -> Void = {},
        onFirstHead: @escaping (HTTPRequestHead) -> Void = { _ in }
    ) {
        self.timeouts = timeouts
        self.onQuiesce = onQuiesce
        self.onFirstHead = onFirstHead
    }

    package func handlerAdded(context: ChannelHandlerContext) {
        schedule(after: timeouts.requestHead, context: context) { context in context.close(promise: nil) }
    }

    package func handlerRemoved(context: ChannelHandlerContext) {
        cancelTimer()
    }

    package func channelInactive(context: ChannelHandlerContext) {
        cancelTimer()
        context.fireChannelInactive()
    }

    // MARK: Inbound

    package func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if isLingering { return }
        if isUpgrading {
            context.fireChannelRead(data)
            return
        }
        if case .head(var head) = unwrapInboundIn(data) {
            requestsStarted += 1
            cancelTimer()
            if requestsStarted == 1 {
                let upgrade = head.headers[canonicalForm: "upgrade"]
                isUpgrading = upgrade.contains { $0.lowercased() == "websocket" }
                onFirstHead(head)
                if !upgrade.isEmpty && !isUpgrading {
                    // Only WebSocket is spoken here. NIO's upgrader drops the head of a request asking for another
                    // protocol, which then goes unanswered; without the header it is an ordinary request (RFC 9110
                    // lets a server ignore Upgrade).
                    head.headers.remove(name: "upgrade")
                    context.fireChannelRead(wrapInboundOut(.head(head)))
                    return
                }
            }
        }
        context.fireChannelRead(data)
    }

    package func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard !isUpgrading, let failure = DecoderFailure(error) else {
            context.fireErrorCaught(error)
            return
        }
        // The decoder reports every later read as an error too; the first report decided what happens.
        if isLingering || decoderFailed || failure == .afterEarlierFailure { return }
        if requestsStarted == responsesEnded && !isResponding {
            answer(failure, context: context)
        } else {
            decoderFailed = true
            context.fireErrorCaught(MalformedHTTPRequest(String(describing: error)))
        }
    }

    package func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if isLingering, let event = event as? ChannelEvent, event == .inputClosed {
            context.close(promise: nil)
            return
        }
        if event is ChannelShouldQuiesceEvent { onQuiesce() }
        context.fireUserInboundEventTriggered(event)
    }

    // MARK: Outbound

    package func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if isLingering {
            promise?.fail(ChannelError.outputClosed)
            return
        }
        switch unwrapOutboundIn(data) {
        case .head(var head) where head.status.code >= 200:
            isResponding = true
            if decoderFailed { head.headers.replaceOrAdd(name: "connection", value: "close") }
            if head.headers[canonicalForm: "connection"].contains(where: { $0.lowercased() == "close" }) {
                closeAfterResponse = true
            }
            context.write(wrapOutboundOut(.head(head)), promise: promise)
        case .head, .body:
            context.write(data, promise: promise)
        case .end:
            isResponding = false
            responsesEnded += 1
            guard closeAfterResponse || decoderFailed else {
                context.write(data, promise: promise)
                if requestsStarted == responsesEnded {
                    schedule(after: timeouts.idle, context: context) { context in context.close(promise: nil) }
                }
                return
            }
            let written = promise ?? context.eventLoop.makePromise()
            context.write(data, promise: written)
            written.futureResult.assumeIsolated().whenComplete { _ in self.linger(context: context) }
        }
    }

    package func close(context: ChannelHandlerContext, mode: CloseMode, promise: EventLoopPromise<Void>?) {
        guard mode == .output else {
            context.close(mode: mode, promise: promise)
            return
        }
        if isLingering {
            promise?.succeed(())
            return
        }
        linger(context: context, promise: promise)
    }

    // MARK: Closing

    /// Answers a request head the decoder could not parse, then half-closes.
    private func answer(_ failure: DecoderFailure, context: ChannelHandlerContext) {
        var head = HTTPResponseHead(version: .http1_1, status: failure.status)
        let body = context.channel.allocator.buffer(string: failure.message)
        head.headers = [
            "connection": "close", "content-type": "text/plain; charset=utf-8", "content-length": "\(body.readableBytes)",
        ]
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        context.write(wrapOutboundOut(.body(.byteBuffer(body))), promise: nil)
        context.writeAndFlush(wrapOutboundOut(.end(nil))).assumeIsolated().whenComplete { _ in
            self.linger(context: context)
        }
    }

    /// Half-closes the connection, then drains input until the client closes or the lingering time is up.
    private func linger(context: ChannelHandlerContext, promise: EventLoopPromise<Void>? = nil) {
        guard !isLingering else {
            promise?.succeed(())
            return
        }
        isLingering = true
        let closed = promise ?? context.eventLoop.makePromise()
        closed.futureResult.assumeIsolated().whenFailure { _ in context.close(promise: nil) }
        context.close(mode: .output, promise: closed)
        schedule(after: timeouts.lingering, context: context) { context in context.close(promise: nil) }
    }

    private func schedule(after delay: Duration, context: ChannelHandlerContext, _ action: @escaping (ChannelHandlerContext) -> Void) {
        cancelTimer()
        timer = context.eventLoop.assumeIsolated().scheduleTask(in: TimeAmount(delay)) { action(context) }
    }

    private func cancelTimer() {
        timer?.cancel()
        timer = nil
    }
}

/// What the request decoder's error means for the client.
private enum DecoderFailure: Equatable {
    case fieldsTooLarge
    case malformed
    /// The decoder already failed and reports the bytes that kept arriving.
    case afterEarlierFailure

    init?(_ error: any Error) {
        switch error {
        case HTTPParserError.headerOverflow: self = .fieldsTooLarge
        case is HTTPParserError: self = .malformed
        case let error as ByteToMessageDecoderError:
            guard case .dataReceivedInErrorState = error else { return nil }
            self = .afterEarlierFailure
        default: return nil
        }
    }

    var status: HTTPResponseStatus { self == .fieldsTooLarge ? .requestHeaderFieldsTooLarge : .badRequest }

    var message: String { self == .fieldsTooLarge ? "request header fields too large\n" : "malformed HTTP request\n" }
}
