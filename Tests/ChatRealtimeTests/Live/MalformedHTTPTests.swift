import ChatTestSupport
import Foundation
import Testing

@testable import ChatRealtime

/// Requests no HTTP client would send, written byte for byte to a live server: each is answered at once with
/// 400 (431 for oversized fields) and its connection closed, whether it is the first request of its connection
/// (where WebSocket upgrades are decided) or a later one.
@Suite("Malformed HTTP", .timeLimit(.minutes(2)))
struct MalformedHTTPTests {
    static let host = "Host: 127.0.0.1\r\n"

    /// Request heads that break HTTP/1.1, with the status each must get.
    static let cases: [(name: String, bytes: [UInt8], status: Int)] = [
        ("an unknown HTTP version", Array("GET / HTTP/9.9\r\n\(host)\r\n".utf8), 400),
        ("a header line without a colon", Array("GET / HTTP/1.1\r\n\(host)NoColonHere\r\n\r\n".utf8), 400),
        ("a NUL in a header", Array("GET / HTTP/1.1\r\n\(host)X-A: a".utf8) + [0] + Array("b\r\n\r\n".utf8), 400),
        ("a negative Content-Length", Array("POST / HTTP/1.1\r\n\(host)Content-Length: -1\r\n\r\n".utf8), 400),
        ("two Content-Lengths", Array("POST / HTTP/1.1\r\n\(host)Content-Length: 1\r\nContent-Length: 2\r\n\r\nab".utf8), 400),
        (
            "Content-Length with chunked",
            Array("POST / HTTP/1.1\r\n\(host)Content-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n".utf8), 400
        ),
        ("a 200 KB header", Array("GET / HTTP/1.1\r\n\(host)X-Big: \(String(repeating: "a", count: 200_000))\r\n\r\n".utf8), 431),
        (
            "3,000 headers",
            Array(("GET / HTTP/1.1\r\n\(host)" + (0..<3000).map { "X-\($0): v\r\n" }.joined() + "\r\n").utf8), 431
        ),
        ("a 100 KB target", Array("GET /\(String(repeating: "a", count: 100_000)) HTTP/1.1\r\n\(host)\r\n".utf8), 431),
        (
            "an upgrade with a control byte in a header",
            Array("GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\n\(host)Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: a\u{1}b\r\nSec-WebSocket-Version: 13\r\n\r\n".utf8),
            400
        ),
    ]

    @Test(arguments: cases.indices)
    func aMalformedFirstRequestIsAnsweredAndClosed(_ index: Int) async throws {
        let (name, bytes, status) = Self.cases[index]
        try await TestApplication.run(io: SocketIOServer()) { _, port in
            try await RawHTTPConnection.connect(port: port) { connection in
                try await connection.send(bytes)
                let response = try #require(try await connection.readResponse(), "\(name): no answer")
                #expect(response.head.statusCode == status, "\(name)")
                #expect(response.head.lowercased().contains("connection: close"), "\(name)")
                #expect(await connection.closesWithin(.seconds(3)), "\(name): the connection stayed open")
            }
        }
    }

    @Test(arguments: cases.indices)
    func aMalformedSecondRequestIsAnsweredAndClosed(_ index: Int) async throws {
        let (name, bytes, status) = Self.cases[index]
        try await TestApplication.run(io: SocketIOServer()) { _, port in
            try await RawHTTPConnection.connect(port: port) { connection in
                try await connection.send("GET /socket.io/?EIO=3 HTTP/1.1\r\n\(Self.host)\r\n")
                #expect(try await connection.readResponse()?.head.statusCode == 400, "the first, valid request")
                try await connection.send(bytes)
                let response = try #require(try await connection.readResponse(), "\(name): no answer")
                #expect(response.head.statusCode == status, "\(name)")
                #expect(await connection.closesWithin(.seconds(3)), "\(name): the connection stayed open")
            }
        }
    }

    @Test func aWebSocketHandshakeOfAnotherVersionGets426() async throws {
        try await TestApplication.run(io: SocketIOServer()) { _, port in
            try await RawHTTPConnection.connect(port: port) { connection in
                try await connection.send(
                    "GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\n\(Self.host)Upgrade: websocket\r\n"
                        + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 8\r\n\r\n")
                let response = try #require(try await connection.readResponse())
                #expect(response.head.statusCode == 426)
                #expect(response.head.lowercased().contains("sec-websocket-version: 13"))
                #expect(await connection.closesWithin(.seconds(3)))
            }
        }
    }

    /// Found by fuzzing: a first request asking to upgrade to anything but WebSocket went unanswered.
    @Test func aFirstRequestAskingForAnotherProtocolIsServedAsAnOrdinaryRequest() async throws {
        try await TestApplication.run(io: SocketIOServer(), engine: TestApplication.echoEngine()) { _, port in
            for headers in ["Upgrade: h2c\r\nConnection: Upgrade, HTTP2-Settings\r\n", "Upgrade: foo\r\n"] {
                try await RawHTTPConnection.connect(port: port) { connection in
                    try await connection.send("GET /engine.io/?EIO=4&transport=polling HTTP/1.1\r\n\(Self.host)\(headers)\r\n")
                    let response = try #require(try await connection.readResponse(), "\(headers): no answer")
                    #expect(response.head.statusCode == 200, "\(headers)")
                    #expect(response.body.hasPrefix("0{"), "the Engine.IO handshake: \(response.body)")
                }
            }
        }
    }

    /// Found by fuzzing: bytes sent right behind an accepted handshake reached the guard raw and trapped.
    @Test func bytesRightBehindAWebSocketHandshakeDoNotCrashTheServer() async throws {
        let engine = TestApplication.echoEngine()
        try await TestApplication.run(io: SocketIOServer(), engine: engine) { client, port in
            for trailer in ["\r\n\r\n", "GET / HTTP/1.1\r\n\r\n", "\u{81}\u{85}abcd"] {
                try await RawHTTPConnection.connect(port: port) { connection in
                    try await connection.send(
                        "GET /engine.io/?EIO=4&transport=websocket HTTP/1.1\r\n\(Self.host)Upgrade: websocket\r\n"
                            + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n"
                            + trailer)
                    #expect(try await connection.readResponse()?.head.statusCode == 101)
                }
            }
            let answer = try await client.execute(uri: "/engine.io/?EIO=4&transport=polling", method: .get)
            #expect(answer.status == .ok, "the server still answers")
        }
    }

    @Test func aWebSocketHandshakeWithoutAKeyGets400() async throws {
        try await TestApplication.run(io: SocketIOServer()) { _, port in
            try await RawHTTPConnection.connect(port: port) { connection in
                try await connection.send(
                    "GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\n\(Self.host)Upgrade: websocket\r\n"
                        + "Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\n\r\n")
                #expect(try await connection.readResponse()?.head.statusCode == 400)
                #expect(await connection.closesWithin(.seconds(3)))
            }
        }
    }

    @Test func aBadChunkSizeInAPollingPostIs400() async throws {
        try await Self.postToPollingSession("POST", body: "zz\r\nhello\r\n0\r\n\r\n", finish: false)
    }

    @Test func aTruncatedChunkedPollingPostIs400() async throws {
        try await Self.postToPollingSession("POST", body: "10\r\n4hel", finish: true)
    }

    /// Opens a polling session on the echo engine, then sends a chunked POST with `body` (half-closing after it
    /// when `finish`), and expects a 400 and the connection closed.
    static func postToPollingSession(_ method: String, body: String, finish: Bool) async throws {
        try await TestApplication.run(io: SocketIOServer(), engine: TestApplication.echoEngine()) { client, port in
            let open = try await client.execute(uri: "/engine.io/?EIO=4&transport=polling", method: .get)
            let sid = try #require(open.text.split(separator: "\"").dropFirst(3).first)
            try await RawHTTPConnection.connect(port: port) { connection in
                try await connection.send(
                    "\(method) /engine.io/?EIO=4&transport=polling&sid=\(sid) HTTP/1.1\r\n\(Self.host)"
                        + "Content-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n\(body)")
                if finish { try await connection.finishSending() }
                let response = try #require(try await connection.readResponse())
                #expect(response.head.statusCode == 400)
                #expect(await connection.closesWithin(.seconds(3)))
            }
        }
    }
}
