import Foundation
import NIOCore

/// A lean Socket.IO v5 client over a raw WebSocket (Engine.IO v4): connects with a token, joins one chat, sends
/// `message:send` when told to, and records acks and every `message:new` it receives into its loop's `LoadStats`.
/// Everything runs on its channel's event loop.
final class SocketIOLoadClient: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let token: String
    private let chatID: String
    private let host: String
    private let clientIndex: Int
    /// How many nodes the clients are spread over (client i on node (i / nodeGroup) % nodeCount); above 1, deliveries
    /// are also recorded as same-node or cross-node by the sender's index in the message token.
    private let nodeCount: Int
    private let nodeGroup: Int
    let stats: LoadStats
    private let ready: EventLoopPromise<Void>
    /// Sends the next message as soon as the previous one is acknowledged (saturation).
    var sendsOnAck = false
    private var context: ChannelHandlerContext?
    private var received = ByteBuffer()
    private var upgraded = false
    private var nextAckID = 1
    private var pending: [Int: (token: String, sentAt: UInt64)] = [:]
    private var lastSeq = 0
    private var sequence = 0

    init(
        token: String, chatID: String, host: String, clientIndex: Int, nodeCount: Int = 1, nodeGroup: Int = 1, stats: LoadStats,
        ready: EventLoopPromise<Void>
    ) {
        self.token = token
        self.chatID = chatID
        self.host = host
        self.clientIndex = clientIndex
        self.nodeCount = nodeCount
        self.nodeGroup = nodeGroup
        self.stats = stats
        self.ready = ready
    }

    func channelActive(context: ChannelHandlerContext) {
        self.context = context
        let key = Data((0..<16).map { _ in UInt8.random(in: 0...255) }).base64EncodedString()
        let request = "GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\nHost: \(host)\r\nUpgrade: websocket\r\n"
            + "Connection: Upgrade\r\nSec-WebSocket-Key: \(key)\r\nSec-WebSocket-Version: 13\r\n\r\n"
        context.writeAndFlush(wrapOutboundOut(context.channel.allocator.buffer(string: request)), promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        ready.fail(LoadClientError.closed)
        self.context = nil
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        ready.fail(error)
        context.close(promise: nil)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var buffer = unwrapInboundIn(data)
        received.writeBuffer(&buffer)
        if !upgraded {
            guard let end = received.readableBytesView.firstRange(of: Array("\r\n\r\n".utf8)) else { return }
            let head = received.readString(length: end.upperBound - received.readerIndex) ?? ""
            guard head.hasPrefix("HTTP/1.1 101") else {
                ready.fail(LoadClientError.refused(head))
                context.close(promise: nil)
                return
            }
            upgraded = true
        }
        while let (opcode, payload) = takeFrame() {
            switch opcode {
            case 0x1: handle(payload)
            case 0x8: context.close(promise: nil)
            case 0x9: writeFrame(opcode: 0xA, payload)
            default: break
            }
        }
        received.discardReadBytes()
    }

    /// Sends one `message:send` whose content carries the send time; no-op once sending stopped.
    func sendMessage() {
        guard stats.sending, context != nil else { return }
        sequence += 1
        let now = monotonicNanoseconds()
        let token = "t\(now)-\(clientIndex)-\(sequence)"
        let id = nextAckID
        nextAckID += 1
        pending[id] = (token, now)
        if stats.measuring { stats.sent += 1 }
        writeText(
            "42\(id)[\"message:send\",{\"chatId\":\"\(chatID)\",\"content\":\"\(token)\",\"clientMessageId\":\"\(token)\"}]")
    }

    private func handle(_ payload: ByteBuffer) {
        let text = String(buffer: payload)
        guard let first = text.first else { return }
        switch first {
        case "0": writeText("40{\"token\":\"\(token)\"}")
        case "2": writeText("3")
        case "4": handleSocketIO(text.dropFirst())
        default: break
        }
    }

    private func handleSocketIO(_ packet: Substring) {
        if packet.hasPrefix("2[\"message:new\"") {
            received(messageNew: packet)
        } else if packet.hasPrefix("3") {
            let digits = packet.dropFirst().prefix { $0.isNumber }
            guard let id = Int(digits) else { return }
            let body = packet.dropFirst(1 + digits.count)
            if id == 0 {  // join_chat's ack
                if body.contains("\"error\"") { ready.fail(LoadClientError.refused(String(body))) } else { ready.succeed() }
                return
            }
            guard let (token, sentAt) = pending.removeValue(forKey: id) else { return }
            if body.contains("\"error\"") {
                if stats.measuring { stats.ackErrors += 1 }
            } else if stats.measuring {
                stats.acked += 1
                _ = stats.ackLatency.record(monotonicNanoseconds() &- sentAt)
                stats.ackedTokens.append(token)
            }
            if sendsOnAck { sendMessage() }
        } else if packet.hasPrefix("0") {
            writeText("420[\"join_chat\",{\"chatId\":\"\(chatID)\"}]")
        } else if packet.hasPrefix("4") {
            ready.fail(LoadClientError.refused(String(packet)))
        }
    }

    private func received(messageNew packet: Substring) {
        let now = monotonicNanoseconds()
        guard let content = packet.range(of: "\"content\":\"t") else { return }
        let token = packet[packet.index(before: content.upperBound)...].prefix { $0 != "\"" }
        let sentAt = token.dropFirst().prefix { $0 != "-" }
        stats.deliveries[String(token), default: 0] += 1
        // With several nodes, whether the sender's socket is on another node; the token is t<sent>-<sender>-<sequence>.
        var crossNode: Bool?
        if nodeCount > 1, let sender = Int(token.dropFirst(sentAt.count + 2).prefix { $0 != "-" }) {
            crossNode = (sender / nodeGroup) % nodeCount != (clientIndex / nodeGroup) % nodeCount
        }
        if let seqRange = packet.range(of: "\"seq\":"), let seq = Int(packet[seqRange.upperBound...].prefix { $0.isNumber }) {
            if seq < lastSeq {
                stats.inversions += 1
                if crossNode == true { stats.crossNodeInversions += 1 }
            }
            lastSeq = max(lastSeq, seq)
        }
        guard stats.measuring, let sent = UInt64(sentAt) else { return }
        stats.delivered += 1
        let latency = now &- sent
        _ = stats.deliveryLatency.record(latency)
        switch crossNode {
        case true?: _ = stats.crossNodeLatency.record(latency)
        case false?: _ = stats.sameNodeLatency.record(latency)
        case nil: break
        }
    }

    private func writeText(_ text: String) { writeFrame(opcode: 0x1, ByteBuffer(string: text)) }

    /// Writes one masked frame, as RFC 6455 requires of clients.
    private func writeFrame(opcode: UInt8, _ payload: ByteBuffer) {
        guard let context else { return }
        var frame = context.channel.allocator.buffer(capacity: payload.readableBytes + 14)
        frame.writeInteger(0x80 | opcode)
        let count = payload.readableBytes
        if count < 126 {
            frame.writeInteger(0x80 | UInt8(count))
        } else if count <= 0xFFFF {
            frame.writeInteger(UInt8(0x80 | 126))
            frame.writeInteger(UInt16(count))
        } else {
            frame.writeInteger(UInt8(0x80 | 127))
            frame.writeInteger(UInt64(count))
        }
        let mask = (UInt8.random(in: 0...255), UInt8.random(in: 0...255), UInt8.random(in: 0...255), UInt8.random(in: 0...255))
        frame.writeMultipleIntegers(mask.0, mask.1, mask.2, mask.3)
        let keys = [mask.0, mask.1, mask.2, mask.3]
        for (offset, byte) in payload.readableBytesView.enumerated() { frame.writeInteger(byte ^ keys[offset & 3]) }
        context.writeAndFlush(wrapOutboundOut(frame), promise: nil)
    }

    /// The next whole server frame (unmasked), or nil until more bytes arrive.
    private func takeFrame() -> (opcode: UInt8, payload: ByteBuffer)? {
        let start = received.readerIndex
        guard let first: UInt8 = received.getInteger(at: start), let second: UInt8 = received.getInteger(at: start + 1) else {
            return nil
        }
        var length = Int(second & 0x7F)
        var offset = 2
        if length == 126 {
            guard let extended: UInt16 = received.getInteger(at: start + 2) else { return nil }
            length = Int(extended)
            offset = 4
        } else if length == 127 {
            guard let extended: UInt64 = received.getInteger(at: start + 2) else { return nil }
            length = Int(extended)
            offset = 10
        }
        guard received.readableBytes >= offset + length, let payload = received.getSlice(at: start + offset, length: length)
        else { return nil }
        received.moveReaderIndex(forwardBy: offset + length)
        return (first & 0x0F, payload)
    }
}

enum LoadClientError: Error {
    case closed
    case refused(String)
}

/// CLOCK_MONOTONIC in nanoseconds.
func monotonicNanoseconds() -> UInt64 {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
}
