import ChatServer
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

/// Two server nodes on one PostgreSQL database with `CLUSTER_ADAPTER=postgres`: python-socketio clients
/// connected to different nodes hear each other's broadcasts, leaves and revocations
/// (`Python/cluster_scenario.py`).
@Suite(
    "cluster over PostgreSQL",
    .enabled(
        if: TestPostgresDatabase.serverURL != nil && ProcessInfo.processInfo.environment["CHAT_TEST_PYTHON"] != nil,
        "set CHAT_TEST_POSTGRES_URL and CHAT_TEST_PYTHON to run"))
struct ClusterTests {
    static let scenario = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Python/cluster_scenario.py").path

    @Test(arguments: ["websocket", "polling"])
    func socketsOnDifferentNodesShareRooms(transport: String) async throws {
        try await withCluster { nodeA, nodeB in
            let result = try await runPython(Self.scenario, nodeA.baseURL, nodeB.baseURL, transport)
            #expect(result.status == 0, "cluster scenario (\(transport)) failed:\n\(result.output)")
            #expect(result.output.contains("cluster scenario passed"))
        }
    }

    @Test func aSessionRevokedOnOneNodeIsRefusedByTheOtherAtOnce() async throws {
        // Each node trusts its last session check for a minute: only the cluster message can end it sooner.
        try await withCluster(configure: { $0.sessionCheckInterval = 60 }) { nodeA, nodeB in
            let (a, b) = (API(client: nodeA), API(client: nodeB))
            let bob = try await a.account("bob")
            #expect(try await b.send(.get, "/users/me", token: bob.token).status == .ok)
            #expect(try await a.send(.post, "/auth/logout", token: bob.token).status == .noContent)
            let deadline = ContinuousClock.now + .seconds(10)
            var status = try await b.send(.get, "/users/me", token: bob.token).status
            while status == .ok && ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(50))
                status = try await b.send(.get, "/users/me", token: bob.token).status
            }
            #expect(status == .unauthorized, "node B still accepts the revoked token")
        }
    }

    @Test func readinessReportsTheClusterListener() async throws {
        try await withCluster { nodeA, _ in
            let ready = try await API(client: nodeA).send(.get, "/ready")
            #expect(ready.status == .ok)
            #expect((ready.object["checks"] as? [String: String])?["cluster"] == "ok")
        }
    }
}

/// Starts two servers with the PostgreSQL cluster adapter on one fresh, migrated database, waits until both are
/// ready (their listeners connected), and runs `body` with a client of each.
func withCluster(
    configure: (inout AppConfiguration) -> Void = { _ in },
    _ body: @Sendable (any TestClientProtocol, any TestClientProtocol) async throws -> Void
) async throws {
    let database = try await TestPostgresDatabase.create()
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("chat-cluster-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: directory) }
    do {
        func node(_ name: String) -> AppConfiguration {
            var configuration = AppConfiguration(jwtSecret: "test-secret-0123456789-0123456789-abcdef")
            configuration.port = 0
            configuration.database = .postgres(url: database.url)
            configuration.cluster = .postgres
            configuration.storage = .local(directory: directory.appendingPathComponent(name).path)
            configuration.bcryptCost = 10
            configuration.logLevel = .warning
            configure(&configuration)
            return configuration
        }
        try await migrateDatabase(node("a"), logger: Logger(label: "test"))
        let appA = try await buildApplication(node("a"))
        let appB = try await buildApplication(node("b"))
        try await appA.test(.live) { clientA in
            try await appB.test(.live) { clientB in
                try await waitUntilReady(clientA)
                try await waitUntilReady(clientB)
                try await body(clientA, clientB)
            }
        }
    } catch {
        try? await database.drop()
        throw error
    }
    try await database.drop()
}

extension TestClientProtocol {
    /// `http://127.0.0.1:<port>` of the live server.
    var baseURL: String { "http://127.0.0.1:\(port ?? 0)" }
}

/// Polls `/ready` until it answers 200, for at most 10 s.
private func waitUntilReady(_ client: any TestClientProtocol) async throws {
    let deadline = ContinuousClock.now + .seconds(10)
    while ContinuousClock.now < deadline {
        if try await API(client: client).send(.get, "/ready").status == .ok { return }
        try await Task.sleep(for: .milliseconds(100))
    }
    Issue.record("a node never became ready")
}
