import Foundation
import HummingbirdTesting
import Synchronization
import Testing

/// SIGTERM to a real `chat-server` process in the middle of a storm of messages: it stops accepting, ends its
/// Socket.IO sessions at once, exits 0 well within `SHUTDOWN_TIMEOUT`, and every message it acknowledged is in
/// the database afterwards, exactly once.
@Suite("Graceful shutdown", .serialized, .timeLimit(.minutes(3)))
struct GracefulShutdownTests {
    @Test func sigtermMidStormLosesNothingAckedAndEndsSocketsAtOnce() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("chat-shutdown-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let limitsOff = ["MESSAGE_RATE_PER_USER": "0", "TYPING_RATE_PER_USER": "0", "SIGNUP_RATE_PER_IP": "0", "SHUTDOWN_TIMEOUT": "20s"]
        let server = try await ServerProcess(directory: directory, environment: limitsOff)
        let alice = try await Self.account("alice", on: server)
        let bob = try await Self.account("bob", on: server)
        let created = try await server.request(.post, "/chats", json: ["name": "Storm", "participantIds": [bob.id]], token: alice.token)
        let chat = try #require(Self.object(created.text)["id"] as? String)

        // A Socket.IO session over polling, its GET pending when the signal comes.
        let sid = try await Self.connectSocket(on: server, token: bob.token)
        let pendingPoll = Task {
            try await server.request(.get, "/socket.io/?EIO=4&transport=polling&sid=\(sid)")
        }

        let acked = AckLedger()
        let clock = ContinuousClock()
        let storm = Task {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for sender in 0..<8 {
                    group.addTask {
                        try? await TestClient.withClient(host: "127.0.0.1", port: server.port) { client in
                            for index in 0..<100_000 {
                                let clientMessageId = "s\(sender)-\(index)"
                                guard
                                    let answer = try? await ServerProcess.execute(
                                        client, .post, "/chats/\(chat)/messages",
                                        json: ["content": "storm \(clientMessageId)", "clientMessageId": clientMessageId],
                                        token: alice.token)
                                else { return }
                                guard answer.status == .created, let id = Self.object(answer.text)["id"] as? String else { return }
                                acked.record(clientMessageId, id)
                            }
                        }
                    }
                }
                try await group.waitForAll()
            }
        }
        #expect(await eventually(timeout: .seconds(30)) { acked.count >= 200 }, "the storm is under way")
        let signalled = clock.now
        server.signal(SIGTERM)

        let status = await server.exitStatus(within: .seconds(25))
        #expect(status == 0, "chat-server exited with \(String(describing: status))")
        #expect(clock.now - signalled < .seconds(15), "it took \(clock.now - signalled) to stop")
        let poll = try? await pendingPoll.value
        #expect(poll?.text.hasSuffix("1") == true, "the pending poll got \(String(describing: poll)), not a close packet")
        try? await storm.value

        // The same database, served again: every acknowledged message is there, once.
        let again = try await ServerProcess(directory: directory, environment: limitsOff)
        let reader = try await Self.login("bob", on: again)
        var stored: [String: [String]] = [:]  // clientMessageId → message ids
        var after = 0
        while true {
            let page = try await again.request(.get, "/chats/\(chat)/messages?after=\(after)&limit=100", token: reader.token)
            let items = Self.object(page.text)["items"] as? [[String: Any]] ?? []
            for item in items {
                if let key = item["clientMessageId"] as? String, let id = item["id"] as? String { stored[key, default: []].append(id) }
                after = max(after, item["seq"] as? Int ?? after)
            }
            if Self.object(page.text)["hasMore"] as? Bool != true { break }
        }
        let acknowledged = acked.entries
        let lost = acknowledged.filter { stored[$0.key] != [$0.value] }
        #expect(lost.isEmpty, "\(lost.count) of \(acknowledged.count) acknowledged messages are missing or duplicated")
        #expect(stored.values.allSatisfy { $0.count == 1 }, "a clientMessageId was stored twice")
        again.signal(SIGTERM)
        #expect(await again.exitStatus(within: .seconds(25)) == 0)
    }

    /// The messages the server acknowledged: clientMessageId → message id.
    final class AckLedger: Sendable {
        private let storage = Mutex<[String: String]>([:])
        func record(_ clientMessageId: String, _ id: String) { storage.withLock { $0[clientMessageId] = id } }
        var count: Int { storage.withLock { $0.count } }
        var entries: [String: String] { storage.withLock { $0 } }
    }

    struct Account {
        let id: String
        let token: String
    }

    static func account(_ name: String, on server: ServerProcess) async throws -> Account {
        let signup = try await server.request(
            .post, "/auth/signup",
            json: ["email": "\(name)@example.com", "password": "correct horse \(name)", "name": name, "username": name])
        #expect(signup.status == .created, "\(signup.text)")
        return try await login(name, on: server)
    }

    static func login(_ name: String, on server: ServerProcess) async throws -> Account {
        let login = try await server.request(
            .post, "/auth/login", json: ["email": "\(name)@example.com", "password": "correct horse \(name)", "deviceType": "MOBILE"])
        let body = object(login.text)
        return Account(
            id: try #require((body["user"] as? [String: Any])?["id"] as? String, "\(login.text)"),
            token: try #require(body["accessToken"] as? String))
    }

    /// Opens an Engine.IO polling session and connects it to `/` with `token`; returns its sid.
    static func connectSocket(on server: ServerProcess, token: String) async throws -> String {
        let handshake = try await server.request(.get, "/socket.io/?EIO=4&transport=polling")
        let sid = try #require(object(String(handshake.text.dropFirst()))["sid"] as? String, "\(handshake.text)")
        let path = "/socket.io/?EIO=4&transport=polling&sid=\(sid)"
        _ = try await server.request(.post, path, body: #"40{"token":"\#(token)"}"#)
        let connected = try await server.request(.get, path)
        #expect(connected.text.hasPrefix("40{"), "CONNECT answered \(connected.text)")
        return sid
    }

    static func object(_ text: String) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:]
    }
}
