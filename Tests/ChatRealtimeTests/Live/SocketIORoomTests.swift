import Foundation
import HummingbirdTesting
import Testing

@testable import ChatRealtime

@Suite("Socket.IO rooms and broadcasts", .timeLimit(.minutes(1)))
struct SocketIORoomTests {
    /// Three polling clients A, B, C connected to `/`; A and B joined `room`.
    struct Trio {
        let clients: [PollingSocketIOClient]
        let ids: [String]
        let sockets: [SocketIOSocket]
    }

    static func trio(_ io: SocketIOServer, _ client: any TestClientProtocol) async throws -> Trio {
        var clients: [PollingSocketIOClient] = []
        var ids: [String] = []
        for _ in 0..<3 {
            let (session, id) = try await PollingSocketIOClient.connect(client)
            clients.append(session)
            ids.append(id)
        }
        let sockets = try ids.map { try #require(io.defaultNamespace.socket(id: $0)) }
        await sockets[0].join("room")
        await sockets[1].join("room")
        return Trio(clients: clients, ids: ids, sockets: sockets)
    }

    /// Sends a marker to every socket, then returns the first packet each one receives.
    static func firstPackets(_ trio: Trio) async throws -> [String] {
        for socket in trio.sockets { await socket.emit("marker") }
        var firsts: [String] = []
        for client in trio.clients { firsts.append(try #require(try await client.receive().first)) }
        return firsts
    }

    @Test func aRoomBroadcastReachesOnlyItsMembers() async throws {
        let io = SocketIOServer()
        try await TestApplication.run(io: io) { client, _ in
            let trio = try await Self.trio(io, client)
            #expect(await io.to("room").emit("news", 1) == 2)
            let firsts = try await Self.firstPackets(trio)
            #expect(firsts == [#"42["news",1]"#, #"42["news",1]"#, #"42["marker"]"#])
        }
    }

    @Test func aSocketBroadcastToItsRoomSkipsTheSender() async throws {
        let io = SocketIOServer()
        try await TestApplication.run(io: io) { client, _ in
            let trio = try await Self.trio(io, client)
            #expect(await trio.sockets[0].to("room").emit("typing") == 1)
            let firsts = try await Self.firstPackets(trio)
            #expect(firsts == [#"42["marker"]"#, #"42["typing"]"#, #"42["marker"]"#])
        }
    }

    @Test func exceptAndSocketIDRoomsSelectRecipients() async throws {
        let io = SocketIOServer()
        try await TestApplication.run(io: io) { client, _ in
            let trio = try await Self.trio(io, client)
            #expect(await io.to("room").except(trio.ids[1]).emit("a") == 1)
            #expect(await io.to(trio.ids[2]).emit("b") == 1)
            #expect(await io.defaultNamespace.except("room").emit("c") == 1)
            #expect(try await trio.clients[0].receive() == [#"42["a"]"#])
            #expect(try await trio.clients[2].receive() == [#"42["b"]"#, #"42["c"]"#])
        }
    }

    @Test func aBroadcastIsEncodedOnceWhateverTheNumberOfRecipients() async throws {
        let io = SocketIOServer()
        try await TestApplication.run(io: io) { client, _ in
            let trio = try await Self.trio(io, client)
            await trio.sockets[2].join("room")
            let before = io.encoder.encodedPacketCount
            #expect(await io.to("room").emit("big", ["payload": "x"]) == 3)
            #expect(io.encoder.encodedPacketCount == before + 1)
            for session in trio.clients { #expect(try await session.receive() == [#"42["big",{"payload":"x"}]"#]) }
        }
    }

    @Test func theApplicationCanMoveSocketsOutOfRoomsAndDisconnectARoom() async throws {
        let io = SocketIOServer()
        try await TestApplication.run(io: io) { client, _ in
            let trio = try await Self.trio(io, client)
            await trio.sockets[0].join("user:1")
            await io.leave(room: "room", socketsIn: "user:1")
            #expect(io.sockets(in: "room").map(\.id) == [trio.ids[1]])
            #expect(trio.sockets[0].rooms == ["user:1"])
            await io.disconnect(room: "room")
            #expect(try await trio.clients[1].receive() == ["41", "1"])
            #expect(try await client.get(trio.clients[1].uri).status == .badRequest)
            #expect(io.defaultNamespace.socketCount == 2)
        }
    }

    @Test func aDisconnectedSocketLeavesEveryRoomAndReportsWhy() async throws {
        let io = SocketIOServer()
        try await TestApplication.run(io: io) { client, _ in
            let trio = try await Self.trio(io, client)
            await trio.sockets[1].disconnect(closingConnection: false)
            #expect(try await trio.clients[1].receive() == ["41"])
            #expect(io.sockets(in: "room").map(\.id) == [trio.ids[0]])
            #expect(await trio.sockets[1].connected == false)
            let rejoined = try await trio.clients[1].join(namespace: "/")
            #expect(rejoined.hasPrefix("40{\"sid\":"))
        }
    }
}
