import Foundation
import HummingbirdTesting
import Synchronization
import Testing

@testable import ChatRealtime

/// What a cluster adapter is told and asked: which rooms this node holds sockets in, and where other nodes are.
/// Room operations published are kept too.
final class RecordingClusterAdapter: SocketIOClusterAdapter {
    private let log = Mutex<[String]>([])
    private let addresses = Mutex<[String: String]>([:])
    /// How long `subscribe` takes, to see that a join waits for it.
    let subscribeDelay: Duration

    init(subscribeDelay: Duration = .zero) { self.subscribeDelay = subscribeDelay }

    var announcements: [String] { log.withLock { $0 } }

    func place(_ node: String, at address: String) { addresses.withLock { $0[node] = address } }

    func publish(_ message: SocketIOClusterMessage) async {}

    func subscribe(namespace: String, room: String) async throws {
        try await Task.sleep(for: subscribeDelay)
        log.withLock { $0.append("+\(namespace) \(room)") }
    }

    func unsubscribe(namespace: String, room: String) async throws {
        log.withLock { $0.append("-\(namespace) \(room)") }
    }

    func address(ofNode node: String) async -> String? { addresses.withLock { $0[node] } }
}

@Suite("Socket.IO cluster routing and forwarding", .timeLimit(.minutes(1)))
struct SocketIOClusterRoutingTests {
    @Test func aNodeAnnouncesARoomAtItsFirstSocketAndWithdrawsItAfterItsLast() async throws {
        let io = SocketIOServer()
        let adapter = RecordingClusterAdapter()
        io.use(adapter)
        try await TestApplication.run(io: io) { client, _ in
            let trio = try await SocketIORoomTests.trio(io, client)  // sockets 0 and 1 joined "room"
            #expect(adapter.announcements == ["+/ room"])
            await trio.sockets[2].join("room")
            await trio.sockets[0].leave("room")
            await trio.sockets[1].leave("room")
            #expect(adapter.announcements == ["+/ room"], "sockets are still in the room")
            await trio.sockets[2].leave("room")
            #expect(adapter.announcements == ["+/ room", "-/ room"])

            // A socket that leaves by disconnecting withdraws its rooms too.
            await trio.sockets[0].join("other")
            await trio.sockets[0].disconnect()
            #expect(await eventually { adapter.announcements == ["+/ room", "-/ room", "+/ other", "-/ other"] })
            // A socket's own id room is never announced: its id names the node.
            #expect(!adapter.announcements.contains { $0.contains(trio.ids[1]) })
        }
    }

    @Test func aJoinReturnsOnlyOnceTheRoomIsAnnounced() async throws {
        let io = SocketIOServer()
        let adapter = RecordingClusterAdapter(subscribeDelay: .milliseconds(300))
        io.use(adapter)
        try await TestApplication.run(io: io) { client, _ in
            let (_, id) = try await PollingSocketIOClient.connect(client)
            let socket = try #require(io.defaultNamespace.socket(id: id))
            await socket.join("slow")
            #expect(adapter.announcements == ["+/ slow"])
        }
    }

    @Test func sessionAndSocketIdsNameTheirNode() async throws {
        let io = SocketIOServer()
        try await TestApplication.run(io: io) { client, _ in
            let (session, id) = try await PollingSocketIOClient.connect(client)
            #expect(SocketIONodeID.node(of: session.sid) == io.nodeID)
            #expect(SocketIONodeID.node(of: id) == io.nodeID)
            #expect(io.nodeID.count == 12)
            #expect(SocketIONodeID.node(of: "no-dot") == nil)
            #expect(SocketIONodeID.node(of: ".leading") == nil)
        }
    }

    @Test func aPollingSessionIsServedThroughAnotherNode() async throws {
        try await withTwoNodes { a, b, clientA, clientB in
            let (direct, id) = try await PollingSocketIOClient.connect(clientA)
            // Every request of the session now goes to node B, which holds nothing of it.
            let viaB = PollingSocketIOClient(client: clientB, path: "/socket.io", sid: direct.sid)
            let socket = try #require(a.defaultNamespace.socket(id: id))
            await socket.on("hello") { arguments, ack in await ack?(.string("hi \(arguments.first?.stringValue ?? "")")) }
            try await viaB.send("42[\"x\"]", "421[\"hello\",\"there\"]")
            #expect(try await viaB.receive() == ["431[\"hi there\"]"])
            await socket.emit("news", .string("from A"))
            #expect(try await viaB.receive() == ["42[\"news\",\"from A\"]"])
            #expect(b.engine.sessionCount == 0)
        }
    }

    @Test func aForwardedRequestIsNeverForwardedAgain() async throws {
        try await withTwoNodes(placing: "ghost", atNode: 1) { a, _, clientA, clientB in
            // A session id naming node A that A does not hold: B forwards once, A answers "unknown".
            let response = try await clientB.get("/socket.io/?EIO=4&transport=polling&sid=\(a.nodeID).missing")
            #expect(response.status == .badRequest)
            #expect(response.text.contains("Session ID unknown"))
            // Node "ghost" is located at B itself: B forwards to B once, and the forwarded request is answered
            // "unknown" instead of going round again (without the mark this would loop until the time limit).
            let looped = try await clientB.get("/socket.io/?EIO=4&transport=polling&sid=ghost.missing")
            #expect(looped.status == .badRequest)
            #expect(looped.text.contains("Session ID unknown"))
            let unknownNode = try await clientA.get("/socket.io/?EIO=4&transport=polling&sid=nowhere.missing")
            #expect(unknownNode.status == .badRequest)
        }
    }

    @Test func aWebSocketUpgradeThroughAnotherNodeIsRelayed() async throws {
        try await withTwoNodes { a, _, clientA, clientB in
            let (direct, id) = try await PollingSocketIOClient.connect(clientA)
            let socket = try #require(a.defaultNamespace.socket(id: id))
            await socket.on("echo") { arguments, ack in await ack?(arguments.first ?? .null) }
            try await TestWebSocket.connect(
                port: try #require(clientB.port), path: "/socket.io/?EIO=4&transport=websocket&sid=\(direct.sid)"
            ) { ws in
                try await ws.send("2probe")
                #expect(try await ws.nextText() == "3probe")
                try await ws.send("5")
                try await ws.send("421[\"echo\",\"over the relay\"]")
                #expect(try await ws.nextText() == "431[\"over the relay\"]")
                await socket.emit("news", .string("pushed by A"))
                #expect(try await ws.nextText() == "42[\"news\",\"pushed by A\"]")
            }
            // The client closed the relayed WebSocket: node A's session ends.
            #expect(await eventually { a.engine.sessionCount == 0 })
        }
    }
}

/// Two Socket.IO servers, each on its own live HTTP server, whose adapters know each other's addresses.
/// `placing`, when given, is one more node id located at node `atNode` (0: A, 1: B).
private func withTwoNodes(
    placing extraNode: String? = nil, atNode extraIndex: Int = 0,
    _ body: @escaping @Sendable (SocketIOServer, SocketIOServer, any TestClientProtocol, any TestClientProtocol) async throws -> Void
) async throws {
    let (a, b) = (SocketIOServer(), SocketIOServer())
    let adapter = RecordingClusterAdapter()
    a.use(adapter)
    b.use(adapter)
    try await TestApplication.run(io: a) { clientA, portA in
        try await TestApplication.run(io: b) { clientB, portB in
            adapter.place(a.nodeID, at: "http://127.0.0.1:\(portA)")
            adapter.place(b.nodeID, at: "http://127.0.0.1:\(portB)")
            if let extraNode { adapter.place(extraNode, at: "http://127.0.0.1:\(extraIndex == 0 ? portA : portB)") }
            try await body(a, b, clientA, clientB)
        }
    }
}

/// Polls `condition` for up to 5 s.
private func eventually(_ condition: @Sendable () async -> Bool) async -> Bool {
    for _ in 0..<100 {
        if await condition() { return true }
        try? await Task.sleep(for: .milliseconds(50))
    }
    return await condition()
}
