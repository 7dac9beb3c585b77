import ChatDomain
import ChatInMemory
import Foundation
import Testing

/// Presence across nodes in one process: a user is online while any live node has them.
@Suite struct MemoryPresenceRegistryTests {
    let user = UserID(UUID())
    let clock = ManualClock()

    @Test func onlineWhileAnyNodeHasTheUser() async throws {
        let registry = MemoryPresenceRegistry(clock: clock)
        await registry.heartbeat("a")
        await registry.heartbeat("b")
        #expect(await registry.arrived(user, on: "a") == true, "first device anywhere")
        #expect(await registry.arrived(user, on: "b") == false, "already online on a")
        #expect(await registry.arrived(user, on: "b") == false, "repeated calls change nothing")
        #expect(await registry.left(user, on: "a") == false, "still online on b")
        #expect(await registry.left(user, on: "b") == true, "last device anywhere")
        #expect(await registry.left(user, on: "b") == true)
    }

    @Test func aSilentNodeStopsCountingAndAForgottenOneAtOnce() async throws {
        let registry = MemoryPresenceRegistry(clock: clock, liveness: .seconds(1))
        await registry.heartbeat("alive")
        #expect(await registry.arrived(user, on: "crashed") == true, "a node that never beat does not count")
        await registry.heartbeat("crashed")
        #expect(await registry.arrived(user, on: "alive") == false)
        clock.advance(by: 1.5)
        await registry.heartbeat("alive")
        #expect(await registry.left(user, on: "alive") == true, "the crashed node no longer counts")

        await registry.heartbeat("leaving")
        await registry.heartbeat("staying")
        #expect(await registry.arrived(user, on: "leaving") == true)
        await registry.forget("leaving")
        #expect(await registry.arrived(user, on: "staying") == true, "a node that shut down holds nobody")
    }

    @Test func concurrentArrivalsOnManyNodesAnnounceOnce() async throws {
        let registry = MemoryPresenceRegistry(clock: clock)
        let nodes = (0..<8).map { "node\($0)" }
        for node in nodes { await registry.heartbeat(node) }
        let user = self.user
        let firsts = await withTaskGroup(of: Bool.self) { group in
            for node in nodes { group.addTask { await registry.arrived(user, on: node) } }
            return await group.reduce(into: 0) { $0 += $1 ? 1 : 0 }
        }
        #expect(firsts == 1)
    }
}
