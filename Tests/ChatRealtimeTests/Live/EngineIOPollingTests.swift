import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@testable import ChatRealtime

@Suite("Engine.IO over HTTP long-polling", .timeLimit(.minutes(1)))
struct EngineIOPollingTests {
    @Test func handshakeAnnouncesExactlyTheFiveFields() async throws {
        let engine = TestApplication.echoEngine(pingInterval: .milliseconds(1500), pingTimeout: .milliseconds(700))
        try await TestApplication.run(io: SocketIOServer(), engine: engine) { client, _ in
            let handshake = try await client.openPollingSession(path: "/engine.io")
            let fields = try #require(handshake.objectValue)
            #expect(Set(fields.keys) == ["sid", "upgrades", "pingInterval", "pingTimeout", "maxPayload"])
            #expect(fields["upgrades"] == ["websocket"])
            #expect(fields["pingInterval"] == 1500)
            #expect(fields["pingTimeout"] == 700)
            #expect(fields["maxPayload"] == 1_000_000)
            #expect(fields["sid"]?.stringValue?.count == 20)
        }
    }

    @Test func batchesOfTextAndBinaryPacketsTravelBothWays() async throws {
        try await TestApplication.run(io: SocketIOServer(), engine: TestApplication.echoEngine()) { client, _ in
            let sid = try #require(try await client.openPollingSession(path: "/engine.io")["sid"]?.stringValue)
            let uri = "/engine.io/?EIO=4&transport=polling&sid=\(sid)"
            let post = try await client.post(uri, "4test1\u{1E}4test2\u{1E}bAQIDBA==")
            #expect(post.status == .ok && post.text == "ok")
            let poll = try await client.get(uri)
            #expect(poll.text == "4test1\u{1E}4test2\u{1E}bAQIDBA==")
            #expect(poll.headers[.contentType] == "text/plain; charset=UTF-8")
        }
    }

    /// python-engineio drops the connection on a payload of more than 16 packets: a burst reaches it in several polls,
    /// in order, none lost.
    @Test func aBurstIsAnsweredSixteenPacketsAPollInOrder() async throws {
        try await TestApplication.run(io: SocketIOServer(), engine: TestApplication.echoEngine()) { client, _ in
            let sid = try #require(try await client.openPollingSession(path: "/engine.io")["sid"]?.stringValue)
            let uri = "/engine.io/?EIO=4&transport=polling&sid=\(sid)"
            let burst = (0..<40).map { "4m\($0)" }
            #expect(try await client.post(uri, burst.joined(separator: "\u{1E}")).status == .ok)
            var received: [String] = []
            while received.count < burst.count {
                let packets = try await client.get(uri).text.split(separator: "\u{1E}").map(String.init)
                #expect(packets.count <= 16)
                received += packets.filter { $0 != "6" }
            }
            #expect(received == burst)
        }
    }

    @Test func theEndpointAnswersWithAndWithoutTrailingSlash() async throws {
        try await TestApplication.run(io: SocketIOServer(), engine: TestApplication.echoEngine()) { client, _ in
            let withoutSlash = try await client.get("/engine.io?EIO=4&transport=polling")
            let withSlash = try await client.get("/engine.io/?EIO=4&transport=polling")
            #expect(withoutSlash.status == .ok)
            #expect(withSlash.status == .ok)
        }
    }

    @Test func aSecondPendingGetClosesTheSession() async throws {
        try await TestApplication.run(io: SocketIOServer(), engine: TestApplication.echoEngine()) { client, _ in
            let sid = try #require(try await client.openPollingSession(path: "/engine.io")["sid"]?.stringValue)
            let uri = "/engine.io/?EIO=4&transport=polling&sid=\(sid)"
            async let first = client.get(uri)
            try await Task.sleep(for: .milliseconds(200))
            let second = try await client.get(uri)
            #expect(second.status == .badRequest)
            let firstResponse = try await first
            #expect(firstResponse.status == .ok && firstResponse.text == "1")
            #expect(try await client.get(uri).status == .badRequest)
        }
    }

    @Test func anInvalidPostClosesTheSession() async throws {
        try await TestApplication.run(io: SocketIOServer(), engine: TestApplication.echoEngine()) { client, _ in
            let sid = try #require(try await client.openPollingSession(path: "/engine.io")["sid"]?.stringValue)
            let uri = "/engine.io/?EIO=4&transport=polling&sid=\(sid)"
            #expect(try await client.post(uri, "abc").status == .badRequest)
            let after = try await client.get(uri)
            #expect(after.status == .badRequest)
            #expect(after.text == #"{"code":1,"message":"Session ID unknown"}"#)
        }
    }

    @Test func requestsThatBreakTheProtocolGetEngineIOErrors() async throws {
        try await TestApplication.run(io: SocketIOServer(), engine: TestApplication.echoEngine()) { client, _ in
            let unknown = try await client.get("/engine.io/?EIO=4&transport=polling&sid=nope")
            #expect(unknown.status == .badRequest)
            #expect(unknown.text == #"{"code":1,"message":"Session ID unknown"}"#)
            let transport = try await client.get("/engine.io/?EIO=4&transport=carrier-pigeon")
            #expect(transport.status == .badRequest)
            #expect(transport.text == #"{"code":0,"message":"Transport unknown"}"#)
            let version = try await client.get("/engine.io/?EIO=3&transport=polling")
            #expect(version.status == .badRequest)
            #expect(version.text == #"{"code":5,"message":"Unsupported protocol version"}"#)
            let method = try await client.post("/engine.io/?EIO=4&transport=polling", "4x")
            #expect(method.status == .badRequest)
            #expect(method.text == #"{"code":2,"message":"Bad handshake method"}"#)
            #expect(try await client.execute(uri: "/engine.io/?EIO=4&transport=polling", method: .put).status == .badRequest)
            #expect(try await client.get("/engine.io/?EIO=4&transport=websocket").status == .badRequest)
        }
    }

    @Test func anOversizedPostIsRefusedAndClosesTheSession() async throws {
        let engine = TestApplication.echoEngine(maxPayload: 100)
        try await TestApplication.run(io: SocketIOServer(), engine: engine) { client, _ in
            let sid = try #require(try await client.openPollingSession(path: "/engine.io")["sid"]?.stringValue)
            let uri = "/engine.io/?EIO=4&transport=polling&sid=\(sid)"
            #expect(try await client.post(uri, "4" + String(repeating: "x", count: 99)).status == .ok)
            #expect(try await client.get(uri).text == "4" + String(repeating: "x", count: 99))
            #expect(try await client.post(uri, "4" + String(repeating: "x", count: 200)).status == .contentTooLarge)
            #expect(try await client.get(uri).status == .badRequest)
        }
    }

    @Test func aClientThatNeverAnswersPingsIsClosed() async throws {
        let engine = TestApplication.echoEngine(pingInterval: .milliseconds(500), pingTimeout: .milliseconds(300))
        try await TestApplication.run(io: SocketIOServer(), engine: engine) { client, _ in
            let sid = try #require(try await client.openPollingSession(path: "/engine.io")["sid"]?.stringValue)
            let uri = "/engine.io/?EIO=4&transport=polling&sid=\(sid)"
            #expect(try await client.get(uri).text == "2")
            try await Task.sleep(for: .milliseconds(1_500))
            #expect(try await client.get(uri).status == .badRequest)
            #expect(engine.sessionCount == 0)
        }
    }

    @Test func aClientThatAnswersPingsStaysOpen() async throws {
        let engine = TestApplication.echoEngine(pingInterval: .milliseconds(200), pingTimeout: .seconds(2))
        try await TestApplication.run(io: SocketIOServer(), engine: engine) { client, _ in
            let sid = try #require(try await client.openPollingSession(path: "/engine.io")["sid"]?.stringValue)
            let uri = "/engine.io/?EIO=4&transport=polling&sid=\(sid)"
            for _ in 0..<4 {
                #expect(try await client.get(uri).text == "2")
                #expect(try await client.post(uri, "3").status == .ok)
            }
            #expect(engine.sessionCount == 1)
        }
    }

    @Test func allowedOriginsGetCredentialedCORSHeadersAndOthersNone() async throws {
        let engine = TestApplication.echoEngine(allowedOrigins: ["https://app.example"])
        try await TestApplication.run(io: SocketIOServer(), engine: engine) { client, _ in
            let uri = "/engine.io/?EIO=4&transport=polling"
            let allowed = try await client.get(uri, headers: [.origin: "https://app.example"])
            #expect(allowed.headers[.accessControlAllowOrigin] == "https://app.example")
            #expect(allowed.headers[.accessControlAllowCredentials] == "true")
            let other = try await client.get(uri, headers: [.origin: "https://evil.example"])
            #expect(other.status == .ok)
            #expect(other.headers[.accessControlAllowOrigin] == nil)
            #expect(other.headers[.accessControlAllowCredentials] == nil)
            let preflight = try await client.execute(
                uri: uri,
                method: .options,
                headers: [.origin: "https://app.example", .accessControlRequestMethod: "POST"]
            )
            #expect(preflight.status == .noContent)
            #expect(preflight.headers[.accessControlAllowOrigin] == "https://app.example")
            #expect(preflight.headers[.accessControlAllowMethods]?.contains("POST") == true)
        }
    }
}
