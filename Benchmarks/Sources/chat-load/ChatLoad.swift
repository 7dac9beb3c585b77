import ArgumentParser
import Foundation
import NIOCore
import NIOPosix

/// W1 of the benchmark suite: clients in rooms, each sending `message:send` at a fixed rate (or as fast as acks
/// return), every one of them also receiving its room's `message:new`. Prints a table and optionally writes JSON.
@main
struct ChatLoad: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chat-load", abstract: "Socket.IO message delivery load against a chat-server.")

    @Option(help: "The server's base URL.") var url = "http://127.0.0.1:3000"
    @Option(help: "WebSocket clients (one user each).") var clients = 1000
    @Option(help: "Members per group chat; every member sends and receives.") var roomSize = 10
    @Option(help: "Messages per second per client; 0 sends the next as soon as the ack returns.") var rate = 1.1
    @Option(help: "Warm-up seconds, not measured.") var warmup = 5.0
    @Option(help: "Measured seconds.") var duration = 20.0
    @Option(help: "Event-loop threads of the generator.") var threads = 1
    @Option(help: "The server's PID, to read its CPU and memory from /proc.") var serverPid: Int32?
    @Option(help: "A name for this run in the report.") var label = "chat-server"
    @Option(help: "Write the result as JSON to this file.") var json: String?
    @Flag(help: "Against a peer server (Benchmarks/peers) with no REST API: no sign-up, any token, chats named chat-N.")
    var peer = false

    func run() async throws {
        guard let base = URL(string: url), let host = base.host, let port = base.port else {
            throw ValidationError("--url must be like http://127.0.0.1:3000")
        }
        let setup = Setup(base: base)
        let prefix = "u\(UInt32.random(in: 0...UInt32.max))"
        let started = ContinuousClock.now
        let users = peer
            ? (0..<clients).map { LoadUser(id: "\(prefix)-\($0)", token: "peer") } : try await setup.users(clients, prefix: prefix)
        var chatOf: [Int: String] = [:]
        for start in stride(from: 0, to: users.count, by: roomSize) {
            let members = Array(users[start..<min(start + roomSize, users.count)])
            let chat = peer ? "chat-\(start / roomSize)" : try await setup.group(by: members[0], with: Array(members.dropFirst()))
            for index in start..<start + members.count { chatOf[index] = chat }
        }
        print("set up \(users.count) users in \(chatOf.values.reduce(into: Set<String>()) { $0.insert($1) }.count) chats in \(ContinuousClock.now - started)")

        let group = MultiThreadedEventLoopGroup(numberOfThreads: threads)
        let loops = (0..<threads).map { _ in group.next() }
        let statsByLoop = loops.map { _ in LoadStats() }
        var sockets: [(client: NIOLoopBound<SocketIOLoadClient>, loop: any EventLoop)] = []
        for (index, user) in users.enumerated() {
            let slot = index % threads
            let loop = loops[slot]
            let stats = statsByLoop[slot]
            let ready = loop.makePromise(of: Void.self)
            let client = try await loop.submit {
                NIOLoopBound(
                    SocketIOLoadClient(
                        token: user.token, chatID: chatOf[index]!, host: "\(host):\(port)", clientIndex: index, stats: stats,
                        ready: ready),
                    eventLoop: loop)
            }.get()
            _ = try await ClientBootstrap(group: loop)
                .channelOption(.tcpOption(.tcp_nodelay), value: 1)
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture { try channel.pipeline.syncOperations.addHandler(client.value) }
                }
                .connect(host: host, port: port).get()
            try await ready.futureResult.get()
            sockets.append((client, loop))
        }
        print("connected \(sockets.count) sockets; warming up \(warmup) s")

        let interval = rate > 0 ? TimeAmount.nanoseconds(Int64(1_000_000_000 / rate)) : nil
        for (client, loop) in sockets {
            loop.execute {
                if let interval {
                    let first = TimeAmount.nanoseconds(Int64.random(in: 0..<interval.nanoseconds))
                    loop.scheduleRepeatedTask(initialDelay: first, delay: interval) { _ in client.value.sendMessage() }
                } else {
                    client.value.sendsOnAck = true
                    client.value.sendMessage()
                }
            }
        }
        try await Task.sleep(for: .seconds(warmup))
        for (slot, loop) in loops.enumerated() { try await loop.submit { statsByLoop[slot].beginMeasuring() }.get() }
        let before = serverPid.flatMap(ProcessSample.take)
        let generatorBefore = ProcessSample.take(pid: getpid())
        try await Task.sleep(for: .seconds(duration))
        let after = serverPid.flatMap(ProcessSample.take)
        let generatorAfter = ProcessSample.take(pid: getpid())
        for (slot, loop) in loops.enumerated() {
            try await loop.submit {
                statsByLoop[slot].measuring = false
                statsByLoop[slot].sending = false
            }.get()
        }
        try await Task.sleep(for: .seconds(3))  // let what is in flight arrive
        let total = LoadStats()
        for (slot, loop) in loops.enumerated() { try await loop.submit { total.merge(statsByLoop[slot]) }.get() }
        try await group.shutdownGracefully()

        let report = LoadReport(
            label: label, clients: clients, roomSize: roomSize, rate: rate, seconds: duration, stats: total,
            server: before.flatMap { first in after.map { (first, $0) } },
            generator: generatorBefore.flatMap { first in generatorAfter.map { (first, $0) } })
        print(report.table)
        if let json { try report.json.write(toFile: json, atomically: true, encoding: .utf8) }
    }
}
