import Foundation
import HummingbirdTesting
import Synchronization
import Testing

@testable import ChatRealtime

@Suite("Socket.IO events, acks and binary", .timeLimit(.minutes(1)))
struct SocketIOMessagingTests {
    static func echoServer() -> SocketIOServer {
        let io = SocketIOServer()
        io.defaultNamespace.onConnection { socket in
            await socket.on("message") { arguments, _ in await socket.emit("message-back", arguments: arguments) }
            await socket.on("message-with-ack") { arguments, ack in await ack?.reply(arguments) }
        }
        return io
    }

    @Test func eventsAndClientAcksRoundTrip() async throws {
        try await TestApplication.run(io: Self.echoServer()) { _, port in
            try await TestWebSocket.connectSocketIO(port: port) { socket, _ in
                try await socket.send(#"42["message",1,"2",{"3":[true]}]"#)
                #expect(try await socket.nextText() == #"42["message-back",1,"2",{"3":[true]}]"#)
                try await socket.send(#"42456["message-with-ack",1,"2",{"3":[false]}]"#)
                #expect(try await socket.nextText() == #"43456[1,"2",{"3":[false]}]"#)
            }
        }
    }

    @Test func binaryEventsAndBinaryAcksKeepTheirAttachments() async throws {
        try await TestApplication.run(io: Self.echoServer()) { _, port in
            try await TestWebSocket.connectSocketIO(port: port) { socket, _ in
                try await socket.send(#"452-["message",{"_placeholder":true,"num":0},{"_placeholder":true,"num":1}]"#)
                try await socket.send(bytes: [1, 2, 3])
                try await socket.send(bytes: [4, 5, 6])
                #expect(try await socket.nextText() == #"452-["message-back",{"_placeholder":true,"num":0},{"_placeholder":true,"num":1}]"#)
                #expect(try await socket.nextBinary() == [1, 2, 3])
                #expect(try await socket.nextBinary() == [4, 5, 6])
                try await socket.send(#"451-789["message-with-ack",{"_placeholder":true,"num":0}]"#)
                try await socket.send(bytes: [7])
                #expect(try await socket.nextText() == #"461-789[{"_placeholder":true,"num":0}]"#)
                #expect(try await socket.nextBinary() == [7])
            }
        }
    }

    @Test func theServerReceivesBinaryAsData() async throws {
        let io = SocketIOServer()
        let received = TestBox<[SocketIOValue]>([])
        io.defaultNamespace.onConnection { socket in
            await socket.on("upload") { arguments, ack in
                received.withLock { $0 = arguments }
                await ack?("done")
            }
        }
        try await TestApplication.run(io: io) { client, _ in
            let (session, _) = try await PollingSocketIOClient.connect(client)
            try await session.send(#"451-1["upload",{"name":"a","bytes":{"_placeholder":true,"num":0}}]"#, "bAQID")
            #expect(try await session.receive() == [#"431["done"]"#])
        }
        let expected: [SocketIOValue] = [["name": "a", "bytes": .binary(Data([1, 2, 3]))]]
        #expect(received.withLock { $0 } == expected)
    }

    @Test func serverEmitWithAckReturnsTheClientsAnswer() async throws {
        let io = SocketIOServer()
        try await TestApplication.run(io: io) { _, port in
            try await TestWebSocket.connectSocketIO(port: port) { socket, answer in
                let sid = try #require(SocketIOValue.parseJSON(String(answer.dropFirst(2)))?["sid"]?.stringValue)
                let serverSocket = try #require(io.defaultNamespace.socket(id: sid))
                async let reply = serverSocket.emitWithAck("question", "meaning", timeout: .seconds(5))
                let packet = try #require(try await socket.nextText())
                #expect(packet == #"420["question","meaning"]"#)
                try await socket.send(#"430[42,"ok"]"#)
                #expect(try await reply == [42, "ok"])
            }
        }
    }

    @Test func serverEmitWithAckTimesOutWhenTheClientIsSilent() async throws {
        let io = SocketIOServer()
        try await TestApplication.run(io: io) { client, _ in
            let (_, sid) = try await PollingSocketIOClient.connect(client)
            let serverSocket = try #require(io.defaultNamespace.socket(id: sid))
            let clock = ContinuousClock()
            let start = clock.now
            await #expect(throws: SocketIOAckError.timeout) {
                try await serverSocket.emitWithAck("question", timeout: .milliseconds(150))
            }
            #expect(clock.now - start >= .milliseconds(140))
        }
    }

    @Test func pendingAcksFailWhenTheSocketDisconnects() async throws {
        let io = SocketIOServer()
        try await TestApplication.run(io: io) { client, _ in
            let (session, sid) = try await PollingSocketIOClient.connect(client)
            let serverSocket = try #require(io.defaultNamespace.socket(id: sid))
            async let reply = serverSocket.emitWithAck("question", timeout: .seconds(10))
            _ = try await session.receive()
            try await session.send("41")
            do {
                let unexpected = try await reply
                Issue.record("expected the ack to fail, got \(unexpected)")
            } catch {
                #expect(error as? SocketIOAckError == .disconnected)
            }
        }
    }

    @Test func malformedPacketsCloseOnlyTheOffendingConnection() async throws {
        try await TestApplication.run(io: Self.echoServer()) { client, port in
            let (healthy, _) = try await PollingSocketIOClient.connect(client)
            for bad in ["4abc", "42{}", #"42abc["message-with-ack"]"#, "44{\"message\":\"x\"}"] {
                try await TestWebSocket.connectSocketIO(port: port) { socket, _ in
                    try await socket.send(bad)
                    #expect(try await socket.closesWithoutMessage(), "\(bad) should close the connection")
                }
            }
            try await healthy.send(#"42["message","fine"]"#)
            #expect(try await healthy.receive() == [#"42["message-back","fine"]"#])
        }
    }
}
