import ChatTestSupport
import Foundation
import HummingbirdTesting
import Testing

@testable import ChatRealtime

/// A POST over long-polling is answered once its packets are queued, not once the application has handled
/// them; packets are still handled one at a time in arrival order, and a flooding client is held back.
@Suite("Engine.IO polling: POSTs and slow handlers", .timeLimit(.minutes(1)))
struct PollingInboundTests {
    @Test func aDisconnectSentWhileTheConnectionHandlerRunsIsAnsweredAndHandledAfterIt() async throws {
        let io = SocketIOServer()
        let gate = TestGate()
        // Should a POST wait for the handler after all, the gate opens late and the checks below fail.
        let watchdog = Task { try await Task.sleep(for: .seconds(30)); await gate.open() }
        defer { watchdog.cancel() }
        let log = TestBox<[String]>([])
        io.defaultNamespace.onConnection { socket in
            await socket.onDisconnect { _ in log.withLock { $0.append("disconnected") } }
            await gate.wait()
            log.withLock { $0.append("connection handled") }
        }
        try await TestApplication.run(io: io) { client, _ in
            let session = try await PollingSocketIOClient.open(client)
            try await session.send("40")
            #expect(try await session.receive().first?.hasPrefix("40{\"sid\":") == true)
            // The handler is still waiting: both POSTs were answered without it.
            try await session.send("41")
            #expect(log.withLock { $0 }.isEmpty)
            await gate.open()
            #expect(await eventually { log.withLock { $0 } == ["connection handled", "disconnected"] })
        }
        #expect(io.defaultNamespace.socketCount == 0)
    }

    @Test func packetsAreHandledInOrderAndAFloodIsHeldBack() async throws {
        let io = SocketIOServer()
        let gate = TestGate()
        // Should a POST wait for the handler after all, the gate opens late and the checks below fail.
        let watchdog = Task { try await Task.sleep(for: .seconds(30)); await gate.open() }
        defer { watchdog.cancel() }
        let received = TestBox<[Int]>([])
        io.defaultNamespace.onConnection { socket in
            await socket.on("n") { arguments, _ in
                if let number = arguments.first?.intValue { received.withLock { $0.append(number) } }
            }
            await gate.wait()
        }
        let limit = EngineIOSession.inboundLimit
        try await TestApplication.run(io: io) { client, _ in
            let session = try await PollingSocketIOClient.open(client)
            try await session.send("40")
            #expect(try await session.receive().first?.hasPrefix("40{\"sid\":") == true)
            // The connection handler waits, so these queue up behind the CONNECT, past the limit.
            try await session.send((0..<limit + 10).map { #"42["n",\#($0)]"# }.joined(separator: "\u{1E}"))
            let answered = TestBox(false)
            let held = Task {
                let text = try await client.post(session.uri, #"42["n",\#(limit + 10)]"#).text
                answered.withLock { $0 = true }
                return text
            }
            try await Task.sleep(for: .milliseconds(300))
            #expect(!answered.withLock { $0 }, "a POST over the backlog limit waits")
            #expect(received.withLock { $0 }.isEmpty)
            await gate.open()
            #expect(try await held.value == "ok")
            #expect(await eventually { received.withLock { $0.count } == limit + 11 })
            #expect(received.withLock { $0 } == Array(0...(limit + 10)))
        }
    }
}

/// Suspends callers of `wait()` until `open()`; later callers pass at once.
actor TestGate {
    private var isOpen = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    func wait() async {
        guard !isOpen else { return }
        await withCheckedContinuation { waiters.append($0) }
    }

    func open() {
        isOpen = true
        for waiter in waiters { waiter.resume() }
        waiters.removeAll()
    }
}
