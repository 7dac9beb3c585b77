import Foundation
import HummingbirdWSClient
import Logging
import NIOCore

/// A scripted WebSocket client for live tests: `body` reads and writes frames; returning closes the socket.
struct TestWebSocket {
    var iterator: WebSocketInboundMessageStream.AsyncIterator
    let outbound: WebSocketOutboundWriter

    /// The next data message, `nil` once the server closed the connection.
    mutating func next() async throws -> WebSocketMessage? {
        try await iterator.next()
    }

    /// The next text message, skipping Engine.IO pings ("2"); `nil` once closed or for a binary message.
    mutating func nextText(skippingPings: Bool = true) async throws -> String? {
        while let message = try await next() {
            guard case .text(let text) = message else { return nil }
            if skippingPings && text == "2" { continue }
            return text
        }
        return nil
    }

    /// The next binary message as bytes; `nil` once closed or for a text message.
    mutating func nextBinary() async throws -> [UInt8]? {
        guard case .binary(let buffer)? = try await next() else { return nil }
        return Array(buffer.readableBytesView)
    }

    /// `true` when the server closes the connection before sending anything but pings.
    mutating func closesWithoutMessage() async throws -> Bool {
        while let message = try await next() {
            if case .text("2") = message { continue }
            return false
        }
        return true
    }

    func send(_ text: String) async throws { try await outbound.write(.text(text)) }
    func send(bytes: [UInt8]) async throws { try await outbound.write(.binary(ByteBuffer(bytes: bytes))) }

    /// Connects to `ws://127.0.0.1:port<path>` and runs `body`; throws when the handshake is refused.
    static func connect(
        port: Int,
        path: String,
        body: @escaping @Sendable (inout TestWebSocket) async throws -> Void
    ) async throws {
        let logger = Logger(label: "test-ws")
        try await WebSocketClient.connect(
            url: "ws://127.0.0.1:\(port)\(path)",
            configuration: .init(maxFrameSize: 4_000_000),
            logger: logger
        ) { inbound, outbound, _ in
            var socket = TestWebSocket(iterator: inbound.messages(maxSize: 4_000_000).makeAsyncIterator(), outbound: outbound)
            try await body(&socket)
        }
    }

    /// Connects to the Socket.IO path, completes the Engine.IO and Socket.IO handshakes for namespace `/`
    /// with `auth`, and returns the Socket.IO CONNECT answer to `body` along with the socket.
    static func connectSocketIO(
        port: Int,
        path: String = "/socket.io",
        query: String = "",
        connect: String = "40",
        body: @escaping @Sendable (inout TestWebSocket, String) async throws -> Void
    ) async throws {
        try await self.connect(port: port, path: "\(path)/?EIO=4&transport=websocket\(query)") { socket in
            guard let open = try await socket.nextText(), open.hasPrefix("0") else { throw TestWebSocketError.noHandshake }
            try await socket.send(connect)
            guard let answer = try await socket.nextText() else { throw TestWebSocketError.noHandshake }
            try await body(&socket, answer)
        }
    }
}

enum TestWebSocketError: Error {
    case noHandshake
}
