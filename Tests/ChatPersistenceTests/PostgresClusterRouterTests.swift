import ChatDomain
import Foundation
import Testing

@testable import ChatPersistence

/// Room-aware routing between three nodes on one real PostgreSQL database: a publication reaches exactly the nodes
/// holding one of its rooms.
@Suite(.enabled(if: PostgresTestServer.isConfigured, "set CHAT_TEST_POSTGRES_URL (scripts/services/postgres.sh)"))
struct PostgresClusterRouterTests {
    @Test func aPublicationReachesOnlyTheNodesHoldingItsRooms() async throws {
        try await PostgresTestServer.withFreshDatabase { database in
            let (a, b, c) = (
                PostgresClusterRouter(database: database, node: "nodea"),
                PostgresClusterRouter(database: database, node: "nodeb"),
                PostgresClusterRouter(database: database, node: "nodec")
            )
            let (logB, logC) = (TextLog(), TextLog())
            let listeners = [
                Task { await b.inbox.listen { await logB.append($0) } },
                Task { await c.inbox.listen { await logC.append($0) } },
            ]
            defer { for listener in listeners { listener.cancel() } }
            #expect(await waitUntil { b.inbox.isListening && c.inbox.isListening })

            try await b.hold(namespace: "/", room: "chat:1")
            try await c.hold(namespace: "/", room: "chat:2")
            try await b.hold(namespace: "/", room: "chat:3")
            try await c.hold(namespace: "/", room: "chat:3")
            try await a.hold(namespace: "/", room: "chat:1")

            #expect(try await a.publish("to 1", namespace: "/", rooms: ["chat:1"]) == 1)
            #expect(try await a.publish("to 2", namespace: "/", rooms: ["chat:2"]) == 1)
            #expect(try await a.publish("to 3", namespace: "/", rooms: ["chat:3"]) == 2)
            #expect(try await a.publish("to 1 or 2", namespace: "/", rooms: ["chat:1", "chat:2"]) == 2)
            #expect(try await a.publish("nobody", namespace: "/", rooms: ["chat:4"]) == 0)
            #expect(try await a.publish("other namespace", namespace: "/admin", rooms: ["chat:1"]) == 0)
            // The publisher's own hold does not bring its text back.
            #expect(try await b.publish("from b", namespace: "/", rooms: ["chat:1"]) == 1)

            #expect(await waitUntil { await logB.count == 3 })
            #expect(await waitUntil { await logC.count == 3 })
            #expect(await logB.texts == ["to 1", "to 3", "to 1 or 2"])
            #expect(await logC.texts == ["to 2", "to 3", "to 1 or 2"])

            try await b.release(namespace: "/", room: "chat:3")
            #expect(try await a.publish("to 3 again", namespace: "/", rooms: ["chat:3"]) == 1)
            #expect(await waitUntil { await logC.count == 4 })
            #expect(await logB.count == 3)
        }
    }

    @Test func everyLiveNodeHearsABroadcastToAllAndNamedNodesAreReached() async throws {
        try await PostgresTestServer.withFreshDatabase { database in
            let presence = PostgresPresenceRegistry(database)
            let (a, b) = (
                PostgresClusterRouter(database: database, node: "nodea"), PostgresClusterRouter(database: database, node: "nodeb")
            )
            try await presence.heartbeat("nodea")
            try await presence.heartbeat("nodeb")
            let log = TextLog()
            let listener = Task { await b.inbox.listen { await log.append($0) } }
            defer { listener.cancel() }
            #expect(await waitUntil { b.inbox.isListening })

            #expect(try await a.publish("everyone", namespace: "/", rooms: []) == 1)
            // A socket id names its node: reached though it announced no room.
            #expect(try await a.publish("socket", namespace: "/", rooms: ["nodeb.xyz"], nodes: ["nodeb"]) == 1)
            #expect(try await a.publish("unknown node", namespace: "/", rooms: ["nodez.xyz"], nodes: ["nodez"]) == 0)
            let large = String(repeating: "x", count: 20_000)
            #expect(try await a.publish(large, namespace: "/", rooms: []) == 1)
            #expect(await waitUntil { await log.count == 3 })
            #expect(await log.texts == ["everyone", "socket", large])
        }
    }

    @Test func aNodeAdvertisesItsAddressAndLosesItsRoomsWhenForgotten() async throws {
        try await PostgresTestServer.withFreshDatabase { database in
            let presence = PostgresPresenceRegistry(database)
            let (a, b) = (
                PostgresClusterRouter(database: database, node: "nodea"), PostgresClusterRouter(database: database, node: "nodeb")
            )
            #expect(try await a.address(of: "nodeb") == nil)
            try await b.advertise("http://10.0.0.2:3000")
            #expect(try await a.address(of: "nodeb") == "http://10.0.0.2:3000")
            try await presence.heartbeat("nodeb")
            try await b.hold(namespace: "/", room: "chat:1")
            #expect(try await a.publish("before", namespace: "/", rooms: ["chat:1"]) == 1)

            try await presence.forget("nodeb")
            #expect(try await a.publish("after", namespace: "/", rooms: ["chat:1"]) == 0)
            #expect(try await a.address(of: "nodeb") == nil)
        }
    }

    @Test func aDeadNodesRoomsGoWithItsHeartbeat() async throws {
        try await PostgresTestServer.withFreshDatabase { database in
            let presence = PostgresPresenceRegistry(database, liveness: .milliseconds(200))
            let (a, b) = (
                PostgresClusterRouter(database: database, node: "nodea"), PostgresClusterRouter(database: database, node: "nodeb")
            )
            try await presence.heartbeat("nodeb")
            try await b.hold(namespace: "/", room: "chat:1")
            try await Task.sleep(for: .milliseconds(400))
            try await presence.heartbeat("nodea")  // finds nodeb silent
            #expect(try await a.publish("to a dead node", namespace: "/", rooms: ["chat:1"]) == 0)
        }
    }
}
