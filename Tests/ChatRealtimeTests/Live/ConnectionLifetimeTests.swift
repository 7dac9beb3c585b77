import ChatTestSupport
import Foundation
import Testing

@testable import ChatRealtime

/// How long the server lets a connection wait on its client, and that a closed connection gives its descriptor
/// back.
@Suite("Connection lifetime", .timeLimit(.minutes(2)))
struct ConnectionLifetimeTests {
    static let short = HTTPConnectionTimeouts(requestHead: .milliseconds(300), idle: .milliseconds(300), lingering: .seconds(30))

    @Test func aConnectionThatSendsNothingIsClosedAfterTheHeadTimeout() async throws {
        try await TestApplication.run(io: SocketIOServer(), timeouts: Self.short) { _, port in
            try await RawHTTPConnection.connect(port: port) { connection in
                #expect(await connection.closesWithin(.seconds(3)))
            }
        }
    }

    @Test func aHeadSentByteByByteIsClosedAfterTheHeadTimeout() async throws {
        try await TestApplication.run(io: SocketIOServer(), timeouts: Self.short) { _, port in
            try await RawHTTPConnection.connect(port: port) { connection in
                let clock = ContinuousClock()
                let start = clock.now
                for byte in "GET / HTTP/1.1\r\nX-Slow: ".utf8 {
                    guard connection.channel.isActive else { break }
                    try? await connection.send([byte])
                    try await Task.sleep(for: .milliseconds(50))
                }
                #expect(await connection.closesWithin(.seconds(3)))
                #expect(clock.now - start < .seconds(3), "the slow head was cut off")
            }
        }
    }

    @Test func anIdleKeepAliveConnectionIsClosedAfterTheIdleTimeout() async throws {
        try await TestApplication.run(io: SocketIOServer(), timeouts: Self.short) { _, port in
            try await RawHTTPConnection.connect(port: port) { connection in
                try await connection.send("GET /socket.io/?EIO=3 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                #expect(try await connection.readResponse()?.head.statusCode == 400)
                #expect(await connection.closesWithin(.seconds(3)))
            }
        }
    }

    @Test func aPendingLongPollOutlivesTheTimeouts() async throws {
        let engine = TestApplication.echoEngine(pingInterval: .seconds(2), pingTimeout: .seconds(5))
        try await TestApplication.run(io: SocketIOServer(), engine: engine, timeouts: Self.short) { client, port in
            let open = try await client.execute(uri: "/engine.io/?EIO=4&transport=polling", method: .get)
            let sid = try #require(open.text.split(separator: "\"").dropFirst(3).first)
            try await RawHTTPConnection.connect(port: port) { connection in
                try await connection.send("GET /engine.io/?EIO=4&transport=polling&sid=\(sid) HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                let response = try #require(try await connection.readResponse(), "the poll was cut off")
                #expect(response.head.statusCode == 200)
                #expect(response.body == "2", "the poll is answered by the heartbeat's ping, 2 s later")
            }
        }
    }

    @Test func refusedConnectionsClosedByTheirClientsReleaseTheirDescriptors() async throws {
        let timeouts = HTTPConnectionTimeouts(lingering: .seconds(60))
        try await TestApplication.run(io: SocketIOServer(), timeouts: timeouts) { _, port in
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<12 {
                    group.addTask {
                        try await RawHTTPConnection.connect(port: port) { connection in
                            try await connection.send(
                                "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: \(String(repeating: "a", count: 200_000))\r\n\r\n")
                            #expect(try await connection.readResponse()?.head.statusCode == 431)
                        }
                    }
                }
                try await group.waitForAll()
            }
            #expect(await eventually(timeout: .seconds(5)) { ServerSockets.heldOpen(port: port) == 0 })
        }
    }
}

/// The TCP sockets of this process's server, read from `/proc/net/tcp`.
enum ServerSockets {
    /// Accepted connections on `port` that still hold a descriptor (a non-zero inode), whatever their state.
    static func heldOpen(port: Int) -> Int {
        guard let table = try? String(contentsOfFile: "/proc/net/tcp", encoding: .utf8) else { return -1 }
        let local = String(format: ":%04X", port)
        return table.split(separator: "\n").dropFirst().filter { line in
            let fields = line.split(separator: " ")
            guard fields.count > 9 else { return false }
            let listening = fields[3] == "0A"
            return fields[1].hasSuffix(local) && !listening && fields[9] != "0"
        }.count
    }
}
