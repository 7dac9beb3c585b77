import ChatDomain
import Foundation
import Testing

@testable import ChatPersistence

/// Publish and subscribe between two pools on one real PostgreSQL database, as two server nodes use it.
@Suite(.enabled(if: PostgresTestServer.isConfigured, "set CHAT_TEST_POSTGRES_URL (scripts/services/postgres.sh)"))
struct PostgresNotificationChannelTests {
    @Test func everyListenerGetsSmallAndLargeTextsInPublishingOrder() async throws {
        let backend = try await PostgresTestBackend.make()
        do {
            try await Self.exchange(on: backend)
        } catch {
            try? await backend.tearDown()
            throw error
        }
        try await backend.tearDown()
    }

    private static func exchange(on backend: PostgresTestBackend) async throws {
        let publisher = PostgresNotificationChannel(database: backend.database, name: "test_channel")
        // A second node: its own pool on the same database.
        let otherDatabase = try PostgresDatabase(url: backend.url)
        try await PostgresTestServer.running(otherDatabase) {
            let listener = PostgresNotificationChannel(database: otherDatabase, name: "test_channel")
            let received = TextLog()
            let listening = Task { await listener.listen { await received.append($0) } }
            defer { listening.cancel() }
            #expect(await waitUntil { listener.isListening })

            let large = String(repeating: "é", count: PostgresNotificationChannel.inlineLimit)  // twice the limit in bytes
            let texts = ["first", large, "third \"quoted\" 'text'", String(repeating: "x", count: 20_000)]
            for text in texts { try await publisher.publish(text) }
            #expect(await waitUntil { await received.count == texts.count })
            #expect(await received.texts == texts)
            // Only the large texts went through the table.
            let stored = try await backend.database.collect("SELECT count(*)::bigint FROM cluster_payloads") {
                try $0.decode(Int.self)
            }
            #expect(stored == [2])
        }
    }

    @Test func textsPublishedBeforeListeningAreNotReplayed() async throws {
        try await PostgresTestServer.withFreshDatabase { database in
            let channel = PostgresNotificationChannel(database: database, name: "late_channel")
            try await channel.publish("before anyone listens")
            let received = TextLog()
            let listening = Task { await channel.listen { await received.append($0) } }
            defer { listening.cancel() }
            #expect(await waitUntil { channel.isListening })
            try await channel.publish("after")
            #expect(await waitUntil { await received.count == 1 })
            #expect(await received.texts == ["after"])
        }
    }
}

/// Texts received by a listener, in order.
actor TextLog {
    private(set) var texts: [String] = []
    var count: Int { texts.count }
    func append(_ text: String) { texts.append(text) }
}

/// Polls `condition` every 20 ms for at most 10 s; true once it held.
func waitUntil(_ condition: @Sendable () async -> Bool) async -> Bool {
    let deadline = ContinuousClock.now + .seconds(10)
    while ContinuousClock.now < deadline {
        if await condition() { return true }
        try? await Task.sleep(for: .milliseconds(20))
    }
    return await condition()
}
