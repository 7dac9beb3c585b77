import ChatDomain
import Foundation
import Testing

@testable import ChatPersistence

/// Presence across nodes on a real PostgreSQL server: a user is online while any live node has them.
@Suite(.enabled(if: PostgresTestServer.isConfigured, "set CHAT_TEST_POSTGRES_URL (scripts/services/postgres.sh)"))
struct PostgresPresenceRegistryTests {
    let user = UserID(UUID())

    @Test func onlineWhileAnyNodeHasTheUser() async throws {
        try await PostgresTestServer.withFreshDatabase { database in
            let registry = PostgresPresenceRegistry(database)
            try await registry.heartbeat("a")
            try await registry.heartbeat("b")
            #expect(try await registry.arrived(user, on: "a") == true, "first device anywhere")
            #expect(try await registry.arrived(user, on: "b") == false, "already online on a")
            #expect(try await registry.arrived(user, on: "b") == false, "repeated calls change nothing")
            #expect(try await registry.left(user, on: "a") == false, "still online on b")
            #expect(try await registry.left(user, on: "b") == true, "last device anywhere")
            #expect(try await registry.left(user, on: "b") == true)
        }
    }

    @Test func aSilentNodeStopsCountingAndAForgottenOneAtOnce() async throws {
        try await PostgresTestServer.withFreshDatabase { database in
            let registry = PostgresPresenceRegistry(database, liveness: .seconds(1))
            try await registry.heartbeat("alive")
            #expect(try await registry.arrived(user, on: "crashed") == true)
            // Its last heartbeat, one statement before the check (a busy machine must not outlast the liveness).
            try await registry.heartbeat("crashed")
            #expect(try await registry.arrived(user, on: "alive") == false)
            try await Task.sleep(for: .milliseconds(1300))
            try await registry.heartbeat("alive")  // also clears the silent node's rows
            #expect(try await registry.left(user, on: "alive") == true, "the crashed node no longer counts")
            let rows = try await database.collect("SELECT count(*)::bigint FROM cluster_presence") { try $0.decode(Int.self) }
            #expect(rows == [0])

            let restarted = PostgresPresenceRegistry(database)
            try await restarted.heartbeat("leaving")
            try await restarted.heartbeat("staying")
            #expect(try await restarted.arrived(user, on: "leaving") == true)
            try await restarted.forget("leaving")
            #expect(try await restarted.arrived(user, on: "staying") == true, "a node that shut down holds nobody")
        }
    }

    @Test func concurrentArrivalsAndDeparturesOnManyNodesAnnounceExactlyOnce() async throws {
        try await PostgresTestServer.withFreshDatabase { database in
            let registry = PostgresPresenceRegistry(database)
            let nodes = (0..<8).map { "node\($0)" }
            for node in nodes { try await registry.heartbeat(node) }
            let user = self.user
            let firsts = try await withThrowingTaskGroup(of: Bool.self) { group in
                for node in nodes { group.addTask { try await registry.arrived(user, on: node) } }
                return try await group.reduce(into: 0) { $0 += $1 ? 1 : 0 }
            }
            // Serialized per user: exactly one node saw nobody else.
            #expect(firsts == 1)
            let lasts = try await withThrowingTaskGroup(of: Bool.self) { group in
                for node in nodes { group.addTask { try await registry.left(user, on: node) } }
                return try await group.reduce(into: 0) { $0 += $1 ? 1 : 0 }
            }
            #expect(lasts == 1)
        }
    }
}
