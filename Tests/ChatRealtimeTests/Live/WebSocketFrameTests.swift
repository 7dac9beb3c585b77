import ChatTestSupport
import Foundation
import Testing

@testable import ChatRealtime

/// The WebSocket layer under Engine.IO, seen frame by frame by a raw client: fragments, control frames,
/// limits and the closing handshake.
@Suite("WebSocket frames", .timeLimit(.minutes(1)))
struct WebSocketFrameTests {
    static let path = "/engine.io/?EIO=4&transport=websocket"

    /// Connects to the echo engine and reads the open packet before running `body`.
    static func withEchoSession(
        _ engine: EngineIOServer = TestApplication.echoEngine(),
        _ body: @escaping @Sendable (inout RawWebSocket, EngineIOServer) async throws -> Void
    ) async throws {
        try await TestApplication.run(io: SocketIOServer(), engine: engine) { _, port in
            try await RawWebSocket.connect(port: port, path: path) { socket in
                let open = try #require(try await socket.receive())
                #expect(open.text.hasPrefix("0"))
                try await body(&socket, engine)
            }
        }
    }

    @Test func fragmentedTextAndBinaryMessagesArriveWhole() async throws {
        try await Self.withEchoSession { socket, _ in
            try await socket.send(RawWebSocket.text, fin: false, "4hel")
            try await socket.send(RawWebSocket.continuation, fin: false, "lo ")
            try await socket.send(RawWebSocket.continuation, fin: true, "world")
            #expect(try await socket.receiveSkippingPings() == .init(opcode: RawWebSocket.text, payload: Array("4hello world".utf8)))
            try await socket.send(RawWebSocket.binary, fin: false, [1, 2])
            try await socket.send(RawWebSocket.continuation, fin: true, [3])
            #expect(try await socket.receiveSkippingPings() == .init(opcode: RawWebSocket.binary, payload: [1, 2, 3]))
        }
    }

    @Test func aPingIsAnsweredWithItsPayloadEvenBetweenFragments() async throws {
        try await Self.withEchoSession { socket, _ in
            try await socket.send(RawWebSocket.text, fin: false, "4a")
            try await socket.send(RawWebSocket.ping, "are you there")
            try await socket.send(RawWebSocket.continuation, fin: true, "b")
            #expect(try await socket.receiveSkippingPings() == .init(opcode: RawWebSocket.pong, payload: Array("are you there".utf8)))
            #expect(try await socket.receiveSkippingPings() == .init(opcode: RawWebSocket.text, payload: Array("4ab".utf8)))
        }
    }

    @Test func aFragmentedMessageOverMaxPayloadClosesWith1009() async throws {
        let engine = TestApplication.echoEngine(maxPayload: 100)
        try await Self.withEchoSession(engine) { socket, engine in
            try await socket.send(RawWebSocket.text, fin: false, "4" + String(repeating: "x", count: 59))
            try await socket.send(RawWebSocket.continuation, fin: false, String(repeating: "y", count: 60))
            let close = try #require(try await socket.receiveSkippingPings())
            #expect(close.opcode == RawWebSocket.close)
            #expect(close.closeCode == 1009)
            #expect(try await socket.receive() == nil)
            #expect(await eventually { engine.sessionCount == 0 })
        }
    }

    @Test func aSingleFrameOverMaxPayloadClosesWith1009() async throws {
        try await Self.withEchoSession(TestApplication.echoEngine(maxPayload: 100)) { socket, _ in
            try await socket.send(RawWebSocket.binary, [UInt8](repeating: 7, count: 101))
            #expect(try await socket.receiveSkippingPings()?.closeCode == 1009)
            #expect(try await socket.receive() == nil)
        }
    }

    @Test func aMessageOfExactlyMaxPayloadIsAccepted() async throws {
        try await Self.withEchoSession(TestApplication.echoEngine(maxPayload: 100)) { socket, _ in
            let text = "4" + String(repeating: "z", count: 99)
            try await socket.send(RawWebSocket.text, fin: false, String(text.prefix(50)))
            try await socket.send(RawWebSocket.continuation, fin: true, String(text.dropFirst(50)))
            #expect(try await socket.receiveSkippingPings()?.text == text)
        }
    }

    @Test func anUnmaskedFrameClosesWith1002() async throws {
        try await Self.withEchoSession { socket, _ in
            try await socket.send(RawWebSocket.text, masked: false, Array("4bare".utf8))
            #expect(try await socket.receiveSkippingPings()?.closeCode == 1002)
            #expect(try await socket.receive() == nil)
        }
    }

    @Test func aContinuationWithoutAStartClosesWith1002() async throws {
        try await Self.withEchoSession { socket, _ in
            try await socket.send(RawWebSocket.continuation, fin: true, "4orphan")
            #expect(try await socket.receiveSkippingPings()?.closeCode == 1002)
            #expect(try await socket.receive() == nil)
        }
    }

    @Test func textThatIsNotUTF8ClosesWith1007() async throws {
        try await Self.withEchoSession { socket, _ in
            try await socket.send(RawWebSocket.text, [UInt8(ascii: "4"), 0xC3, 0x28])
            #expect(try await socket.receiveSkippingPings()?.closeCode == 1007)
            #expect(try await socket.receive() == nil)
        }
    }

    @Test func theClientsCloseIsEchoedAndEndsTheSession() async throws {
        try await Self.withEchoSession { socket, engine in
            try await socket.sendClose(code: 4001)
            let close = try #require(try await socket.receiveSkippingPings())
            #expect(close.opcode == RawWebSocket.close)
            #expect(close.closeCode == 4001)
            #expect(try await socket.receive() == nil)
            #expect(await eventually { engine.sessionCount == 0 })
        }
    }

    @Test func aServerCloseWaitsForTheClientsCloseFrame() async throws {
        try await Self.withEchoSession { socket, engine in
            try await socket.send(RawWebSocket.text, "4queued before the close")
            #expect(try await socket.receiveSkippingPings()?.text == "4queued before the close")
            for session in engine.registry.all { await session.close() }
            let close = try #require(try await socket.receiveSkippingPings())
            #expect(close.opcode == RawWebSocket.close)
            #expect(close.closeCode == 1000)
            try await Task.sleep(for: .milliseconds(300))
            #expect(socket.isConnected, "the server closed TCP without waiting for the client's close frame")
            try await socket.sendClose(code: 1000)
            #expect(try await socket.receive() == nil)
        }
    }
}
