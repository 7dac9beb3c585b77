import Foundation
import NIOCore
import NIOPosix

/// A WebSocket client that reads and writes single frames over a plain TCP connection, for tests that need
/// what ordinary clients hide: fragments, control frames, close codes, and when the server closes TCP.
struct RawWebSocket {
    /// One frame as received from the server.
    struct Frame: Equatable {
        var opcode: UInt8
        var fin = true
        var payload: [UInt8]

        /// The status code of a close frame, `nil` for a close frame without one.
        var closeCode: UInt16? {
            payload.count >= 2 ? UInt16(payload[0]) << 8 | UInt16(payload[1]) : nil
        }

        var text: String { String(decoding: payload, as: UTF8.self) }
    }

    static let continuation: UInt8 = 0x0, text: UInt8 = 0x1, binary: UInt8 = 0x2
    static let close: UInt8 = 0x8, ping: UInt8 = 0x9, pong: UInt8 = 0xA

    private let outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>
    private var inbound: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator
    private var received = ByteBuffer()
    private let channel: any Channel

    /// `false` once the TCP connection is closed.
    var isConnected: Bool { channel.isActive }

    /// Connects to `127.0.0.1:port`, sends the handshake for `path` and runs `body` once the server answered
    /// 101; throws `RawWebSocketError.refused` with the status line otherwise.
    static func connect(port: Int, path: String, body: (inout RawWebSocket) async throws -> Void) async throws {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connect(host: "127.0.0.1", port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        try await channel.executeThenClose { inbound, outbound in
            var socket = RawWebSocket(outbound: outbound, inbound: inbound.makeAsyncIterator(), channel: channel.channel)
            try await socket.handshake(port: port, path: path)
            try await body(&socket)
        }
    }

    /// Sends one frame, masked as RFC 6455 requires of clients unless `masked` is false.
    func send(_ opcode: UInt8, fin: Bool = true, masked: Bool = true, _ payload: [UInt8]) async throws {
        var frame = ByteBuffer()
        frame.writeInteger((fin ? 0x80 : 0) | opcode)
        let maskBit: UInt8 = masked ? 0x80 : 0
        switch payload.count {
        case 0..<126: frame.writeInteger(maskBit | UInt8(payload.count))
        case 126...0xFFFF:
            frame.writeInteger(maskBit | 126)
            frame.writeInteger(UInt16(payload.count))
        default:
            frame.writeInteger(maskBit | 127)
            frame.writeInteger(UInt64(payload.count))
        }
        guard masked else {
            frame.writeBytes(payload)
            return try await outbound.write(frame)
        }
        let mask = (0..<4).map { _ in UInt8.random(in: 0...255) }
        frame.writeBytes(mask)
        frame.writeBytes(payload.enumerated().map { $0.element ^ mask[$0.offset % 4] })
        try await outbound.write(frame)
    }

    /// Sends a text frame.
    func send(_ opcode: UInt8, fin: Bool = true, _ text: String) async throws {
        try await send(opcode, fin: fin, Array(text.utf8))
    }

    /// Sends a close frame with `code`.
    func sendClose(code: UInt16) async throws {
        try await send(Self.close, [UInt8(code >> 8), UInt8(code & 0xFF)])
    }

    /// The next frame from the server; `nil` once the server closed the TCP connection.
    mutating func receive() async throws -> Frame? {
        while true {
            if let frame = takeFrame() { return frame }
            guard var more = try await inbound.next() else { return nil }
            received.writeBuffer(&more)
        }
    }

    /// The next frame that is not an Engine.IO ping (`2`).
    mutating func receiveSkippingPings() async throws -> Frame? {
        while let frame = try await receive() {
            if frame.opcode == Self.text && frame.text == "2" { continue }
            return frame
        }
        return nil
    }

    private mutating func takeFrame() -> Frame? {
        let bytes = Array(received.readableBytesView)
        guard bytes.count >= 2 else { return nil }
        var length = Int(bytes[1] & 0x7F)
        var offset = 2
        if length == 126 {
            guard bytes.count >= 4 else { return nil }
            length = Int(bytes[2]) << 8 | Int(bytes[3])
            offset = 4
        } else if length == 127 {
            guard bytes.count >= 10 else { return nil }
            length = bytes[2..<10].reduce(0) { $0 << 8 | Int($1) }
            offset = 10
        }
        guard bytes.count >= offset + length else { return nil }
        received.moveReaderIndex(forwardBy: offset + length)
        return Frame(opcode: bytes[0] & 0x0F, fin: bytes[0] & 0x80 != 0, payload: Array(bytes[offset..<offset + length]))
    }

    private mutating func handshake(port: Int, path: String) async throws {
        let key = Data((0..<16).map { _ in UInt8.random(in: 0...255) }).base64EncodedString()
        try await outbound.write(ByteBuffer(string:
            "GET \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Key: \(key)\r\nSec-WebSocket-Version: 13\r\n\r\n"))
        while true {
            let text = String(buffer: received)
            if let end = text.range(of: "\r\n\r\n") {
                let statusLine = String(text[..<end.lowerBound].prefix { $0 != "\r" })
                guard statusLine.contains(" 101 ") else { throw RawWebSocketError.refused(statusLine) }
                received.moveReaderIndex(forwardBy: text[..<end.upperBound].utf8.count)
                return
            }
            guard var more = try await inbound.next() else { throw RawWebSocketError.refused("connection closed") }
            received.writeBuffer(&more)
        }
    }
}

enum RawWebSocketError: Error {
    case refused(String)
}
