import ChatTestSupport
import Foundation
import HummingbirdTesting
import Testing

@testable import ChatRealtime

@Suite("Engine.IO over WebSocket", .timeLimit(.minutes(1)))
struct EngineIOWebSocketTests {
    @Test func theHandshakeOffersNoUpgradeAndEchoesTextAndBinary() async throws {
        try await TestApplication.run(io: SocketIOServer(), engine: TestApplication.echoEngine()) { _, port in
            try await TestWebSocket.connect(port: port, path: "/engine.io/?EIO=4&transport=websocket") { socket in
                let open = try #require(try await socket.nextText())
                let handshake = try #require(SocketIOValue.parseJSON(String(open.dropFirst())))
                #expect(open.hasPrefix("0"))
                #expect(handshake["upgrades"] == [])
                try await socket.send("4hello")
                #expect(try await socket.nextText() == "4hello")
                try await socket.send(bytes: [1, 2, 3, 4])
                #expect(try await socket.nextBinary() == [1, 2, 3, 4])
            }
        }
    }

    @Test func anInvalidPacketClosesTheWebSocket() async throws {
        let engine = TestApplication.echoEngine()
        try await TestApplication.run(io: SocketIOServer(), engine: engine) { _, port in
            try await TestWebSocket.connect(port: port, path: "/engine.io/?EIO=4&transport=websocket") { socket in
                _ = try await socket.nextText()
                try await socket.send("abc")
                #expect(try await socket.closesWithoutMessage())
            }
            #expect(await eventually { engine.sessionCount == 0 })
        }
    }

    @Test func aSilentClientIsClosedAfterThePingTimeout() async throws {
        let engine = TestApplication.echoEngine(pingInterval: .milliseconds(100), pingTimeout: .milliseconds(100))
        try await TestApplication.run(io: SocketIOServer(), engine: engine) { _, port in
            try await TestWebSocket.connect(port: port, path: "/engine.io/?EIO=4&transport=websocket") { socket in
                _ = try await socket.nextText()
                #expect(try await socket.nextText(skippingPings: false) == "2")
                #expect(try await socket.next() == nil)
            }
        }
    }

    @Test func aMessageOverMaxPayloadClosesTheWebSocket() async throws {
        let engine = TestApplication.echoEngine(maxPayload: 100)
        try await TestApplication.run(io: SocketIOServer(), engine: engine) { _, port in
            try await TestWebSocket.connect(port: port, path: "/engine.io/?EIO=4&transport=websocket") { socket in
                _ = try await socket.nextText()
                try await socket.send("4" + String(repeating: "y", count: 500))
                #expect(try await socket.closesWithoutMessage())
            }
            #expect(await eventually { engine.sessionCount == 0 })
        }
    }

    @Test func pollingUpgradesWithTheProbeSequence() async throws {
        let engine = TestApplication.echoEngine()
        try await TestApplication.run(io: SocketIOServer(), engine: engine) { client, port in
            let sid = try #require(try await client.openPollingSession(path: "/engine.io")["sid"]?.stringValue)
            let uri = "/engine.io/?EIO=4&transport=polling&sid=\(sid)"
            async let pending = client.get(uri)
            try await Task.sleep(for: .milliseconds(100))
            try await TestWebSocket.connect(port: port, path: "/engine.io/?EIO=4&transport=websocket&sid=\(sid)") { socket in
                try await socket.send("2probe")
                #expect(try await socket.nextText() == "3probe")
                try await socket.send("5")
                try await socket.send("4after upgrade")
                #expect(try await socket.nextText() == "4after upgrade")
            }
            let answered = try await pending
            #expect(answered.text == "6")
        }
    }

    @Test func afterTheUpgradePollingIsRefusedButTheSessionLives() async throws {
        let engine = TestApplication.echoEngine()
        try await TestApplication.run(io: SocketIOServer(), engine: engine) { client, port in
            let sid = try #require(try await client.openPollingSession(path: "/engine.io")["sid"]?.stringValue)
            try await TestWebSocket.connect(port: port, path: "/engine.io/?EIO=4&transport=websocket&sid=\(sid)") { socket in
                try await socket.send("2probe")
                #expect(try await socket.nextText() == "3probe")
                try await socket.send("5")
                try await Task.sleep(for: .milliseconds(50))
                #expect(try await client.get("/engine.io/?EIO=4&transport=polling&sid=\(sid)").status == .badRequest)
                try await socket.send("4still here")
                #expect(try await socket.nextText() == "4still here")
            }
        }
    }

    @Test func aProbeThatNeverUpgradesIsClosedAndPollingGoesOn() async throws {
        let engine = EngineIOServer(configuration: .init(path: "/engine.io", upgradeTimeout: .milliseconds(300))) { _ in EchoHandler() }
        try await TestApplication.run(io: SocketIOServer(), engine: engine) { client, port in
            let sid = try #require(try await client.openPollingSession(path: "/engine.io")["sid"]?.stringValue)
            let uri = "/engine.io/?EIO=4&transport=polling&sid=\(sid)"
            try await TestWebSocket.connect(port: port, path: "/engine.io/?EIO=4&transport=websocket&sid=\(sid)") { socket in
                try await socket.send("2probe")
                #expect(try await socket.nextText() == "3probe")
                // No `5`: the server gives up on the probe.
                #expect(try await socket.closesWithoutMessage())
            }
            #expect(try await client.post(uri, "4still polling").text == "ok")
            #expect(try await client.get(uri).text == "4still polling")
            #expect(engine.sessionCount == 1)
        }
    }

    @Test func anUnknownSidCannotOpenAWebSocket() async throws {
        try await TestApplication.run(io: SocketIOServer(), engine: TestApplication.echoEngine()) { _, port in
            await #expect(throws: (any Error).self) {
                try await TestWebSocket.connect(port: port, path: "/engine.io/?EIO=4&transport=websocket&sid=unknown") { _ in }
            }
        }
    }
}
