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
    static let noSticky = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Python/no_sticky_scenario.py").path

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

    @Test func aNodeWithNoSocketInAChatHearsNothingOfIt() async throws {
        try await withCluster(configure: { $0.metricsEnabled = true }) { nodeA, nodeB in
            let (a, b) = (API(client: nodeA), API(client: nodeB))
            let alice = try await a.account("alice"), bob = try await a.account("bob"), carol = try await a.account("carol")
            let created = try await a.send(.post, "/chats", json: ["name": "Pair", "participantIds": [bob.id]], token: alice.token)
            let chat = try #require(created.object["id"] as? String)
            // Node B holds only carol's socket, who is in no chat with anyone.
            _ = try await PollingSocket.connect(b, token: carol.token)
            let aliceSocket = try await PollingSocket.connect(a, token: alice.token)
            let bobSocket = try await PollingSocket.connect(a, token: bob.token)
            for socket in [aliceSocket, bobSocket] { _ = try await socket.call("join_chat", ["chatId": chat], id: 1) }
            let before = (published: try await counter(a, "published"), received: try await counter(b, "received"))

            for index in 0..<5 {
                let ack = try await aliceSocket.call("message:send", ["chatId": chat, "content": "local \(index)"], id: 10 + index)
                #expect(ack["error"] == nil, "send answered \(ack)")
            }
            #expect(try await counter(a, "published") == before.published, "node A sent chat traffic to other nodes")
            #expect(try await counter(b, "received") == before.received, "node B received chat traffic")

            // Bob opens a second device on node B and joins the chat there: from now on node B gets the chat.
            let bobOnB = try await PollingSocket.connect(b, token: bob.token)
            _ = try await bobOnB.call("join_chat", ["chatId": chat], id: 1)
            let joined = (published: try await counter(a, "published"), received: try await counter(b, "received"))
            _ = try await aliceSocket.call("message:send", ["chatId": chat, "content": "reaches B"], id: 20)
            #expect(try await counter(a, "published") == joined.published + 1)
            var received = try await counter(b, "received")
            for _ in 0..<50 where received == joined.received {
                try await Task.sleep(for: .milliseconds(100))
                received = try await counter(b, "received")
            }
            #expect(received == joined.received + 1)
        }
    }

    @Test(arguments: ["polling", "upgrade"])
    func aRoundRobinProxyNeedsNoStickySessions(mode: String) async throws {
        try await withCluster { nodeA, nodeB in
            let proxy = try RoundRobinProxy(backends: [nodeA.baseURL, nodeB.baseURL])
            defer { proxy.stop() }
            let result = try await runPython(Self.noSticky, "http://127.0.0.1:\(try proxy.port())", mode)
            #expect(result.status == 0, "no-sticky scenario (\(mode)) failed:\n\(result.output)")
            #expect(result.output.contains("no-sticky scenario passed"))
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

/// `chat_cluster_operations_<direction>_total` on `node`'s `/metrics` (0 before the first operation).
private func counter(_ node: API, _ direction: String) async throws -> Double {
    let response = try await node.send(.get, "/metrics")
    #expect(response.status == .ok)
    return PrometheusSamples(response.text).value("chat_cluster_operations_\(direction)_total") ?? 0
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
