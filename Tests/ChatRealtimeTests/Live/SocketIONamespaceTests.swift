import ChatTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import Synchronization
import Testing

@testable import ChatRealtime

@Suite("Socket.IO namespaces and connect hooks", .timeLimit(.minutes(1)))
struct SocketIONamespaceTests {
    @Test func theDefaultAndRegisteredNamespacesAcceptAndUnknownOnesAreRefused() async throws {
        let io = SocketIOServer()
        io.namespace("/custom")
        try await TestApplication.run(io: io) { _, port in
            try await TestWebSocket.connectSocketIO(port: port) { socket, answer in
                #expect(answer.hasPrefix("40{\"sid\":"))
                try await socket.send("40/custom,")
                #expect(try await socket.nextText()?.hasPrefix("40/custom,{\"sid\":") == true)
                try await socket.send("40/random")
                #expect(try await socket.nextText() == #"44/random,{"message":"Invalid namespace"}"#)
            }
        }
    }

    @Test func theHookSeesAuthHeadersAndQueryAndItsDataStaysOnTheSocket() async throws {
        let io = SocketIOServer()
        let seen = TestBox<SocketIOConnectRequest?>(nil)
        io.namespace("/") { request in
            seen.withLock { $0 = request }
            return .accept(data: "user-42")
        }
        try await TestApplication.run(io: io) { client, _ in
            let (_, socketID) = try await PollingSocketIOClient.connect(client, auth: #"{"token":"abc","n":1}"#)
            let request = try #require(seen.withLock { $0 })
            #expect(request.auth == ["token": "abc", "n": 1])
            #expect(request.token == "abc")
            #expect(request.namespace == "/")
            let socket = try #require(io.defaultNamespace.socket(id: socketID))
            #expect(socket.data(as: String.self) == "user-42")
            #expect(socket.data(as: Int.self) == nil)
        }
    }

    @Test func theTokenFallsBackToBearerHeaderThenQuery() async throws {
        let handshakeWithHeader = EngineIOHandshake(headers: [.authorization: "Bearer from-header"], query: ["token": "from-query"])
        #expect(SocketIOConnectRequest(namespace: "/", auth: [:], handshake: handshakeWithHeader).token == "from-header")
        let handshakeWithQuery = EngineIOHandshake(headers: [:], query: ["token": "from-query"])
        #expect(SocketIOConnectRequest(namespace: "/", auth: [:], handshake: handshakeWithQuery).token == "from-query")
        #expect(SocketIOConnectRequest(namespace: "/", auth: ["token": "a"], handshake: handshakeWithHeader).token == "a")
        #expect(SocketIOConnectRequest(namespace: "/", auth: [:], handshake: .init(headers: [:], query: [:])).token == nil)
    }

    @Test func aRejectingHookSendsConnectErrorAndCreatesNoSocket() async throws {
        let io = SocketIOServer()
        io.namespace("/") { request in
            request.token == "good" ? .accept() : .reject(message: "unauthorized", data: ["reason": "expired"])
        }
        try await TestApplication.run(io: io) { client, _ in
            let session = try await PollingSocketIOClient.open(client)
            let answer = try await session.join(namespace: "/", auth: #"{"token":"bad"}"#)
            #expect(answer == #"44{"data":{"reason":"expired"},"message":"unauthorized"}"#)
            #expect(io.defaultNamespace.socketCount == 0)
            let retry = try await session.join(namespace: "/", auth: #"{"token":"good"}"#)
            #expect(retry.hasPrefix("40{\"sid\":"))
            #expect(io.defaultNamespace.socketCount == 1)
        }
    }

    @Test func aClientThatJoinsNoNamespaceIsClosedAfterConnectTimeout() async throws {
        let io = SocketIOServer(configuration: .init(connectTimeout: .milliseconds(200)))
        try await TestApplication.run(io: io) { _, port in
            try await TestWebSocket.connect(port: port, path: "/socket.io/?EIO=4&transport=websocket") { socket in
                _ = try await socket.nextText()
                #expect(try await socket.closesWithoutMessage())
            }
        }
    }

    /// A client may leave while the connection handler is still running (python-socketio connecting and closing at
    /// once did, over polling): a disconnect handler added after the socket left must still run, at once, or
    /// whatever the connection handler counted (presence) is never undone.
    @Test func aDisconnectHandlerAddedAfterTheSocketLeftRunsAtOnce() async throws {
        let io = SocketIOServer()
        let connected = TestBox<SocketIOSocket?>(nil)
        io.defaultNamespace.onConnection { socket in connected.withLock { $0 = socket } }
        try await TestApplication.run(io: io) { _, port in
            try await TestWebSocket.connectSocketIO(port: port) { socket, answer in
                #expect(answer.hasPrefix("40{\"sid\":"))
                try await socket.send("41")
            }
            let socket = try #require(connected.withLock { $0 })
            #expect(await eventually { await !socket.connected })
            let reasons = TestBox<[SocketIODisconnectReason]>([])
            await socket.onDisconnect { reason in reasons.withLock { $0.append(reason) } }
            let expected: [SocketIODisconnectReason] = [.clientNamespaceDisconnect]
            #expect(reasons.withLock { $0 } == expected)
        }
    }

    @Test func aClientDisconnectRunsTheHooksAndKeepsTheConnection() async throws {
        let io = SocketIOServer()
        let reasons = TestBox<[SocketIODisconnectReason]>([])
        io.namespace("/custom").onConnection { socket in
            await socket.onDisconnect { reason in reasons.withLock { $0.append(reason) } }
        }
        io.defaultNamespace.onConnection { socket in
            await socket.on("message") { arguments, _ in await socket.emit("message-back", arguments: arguments) }
        }
        try await TestApplication.run(io: io) { _, port in
            try await TestWebSocket.connectSocketIO(port: port) { socket, _ in
                try await socket.send("40/custom,")
                _ = try await socket.nextText()
                try await socket.send("41/custom,")
                try await socket.send(#"42["message","still connected"]"#)
                #expect(try await socket.nextText() == #"42["message-back","still connected"]"#)
            }
        }
        let expected: [SocketIODisconnectReason] = [.clientNamespaceDisconnect]
        #expect(reasons.withLock { $0 } == expected)
        #expect(io.namespace("/custom").socketCount == 0)
    }
}
