import ArgumentParser
import Foundation
import NIOCore
import NIOPosix

/// The benchmark suite's load generator. W1: clients in rooms, each sending `message:send` at a fixed rate (or as fast
/// as acks return), every one of them also receiving its room's `message:new`. W2 (`--idle`): the same sockets,
/// connected and joined, sending nothing (W5's logins come from `scripts/logins.py`, a process of their own). Prints a
/// table and optionally writes JSON.
@main
struct ChatLoad: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chat-load", abstract: "Socket.IO message delivery load against a chat-server.")

    @Option(help: "The server's base URL (REST set-up, and the sockets unless --node-url is given).")
    var url = "http://127.0.0.1:3000"
    @Option(
        name: .customLong("node-url"),
        help: "A node's base URL for the sockets; repeat for a cluster (client i connects to node i % count).")
    var nodeURLs: [String] = []
    @Flag(help: "With several nodes, keep each room's sockets on one node (room r on node r % count) instead of client i on node i % count.")
    var roomPerNode = false
    @Option(help: "WebSocket clients.") var clients = 1000
    @Option(help: "Users the clients share (client i is user i % N); default one per client.") var users: Int?
    @Option(help: "Sockets per group chat, by client index; every one sends and receives.") var roomSize = 10
    @Option(help: "Messages per second per client; 0 sends the next as soon as the ack returns.") var rate = 1.1
    @Option(help: "Warm-up seconds, not measured.") var warmup = 5.0
    @Option(help: "Measured seconds.") var duration = 20.0
    @Option(help: "Event-loop threads of the generator.") var threads = 1
    @Option(
        name: .customLong("server-pid"),
        help: "The server's PID, to read its CPU and memory from /proc; repeat for each node (sums are reported).")
    var serverPids: [Int32] = []
    @Option(help: "PostgreSQL's postmaster PID: its CPU and all its children's is reported as PostgreSQL's.")
    var postgresPid: Int32?
    @Option(help: "A name for this run in the report.") var label = "chat-server"
    @Option(help: "Write the result as JSON to this file.") var json: String?
    @Flag(help: "Connect and join every socket, send nothing, report after --duration seconds (W2).") var idle = false
    @Flag(help: "Against a peer server (Benchmarks/peers) with no REST API: no sign-up, any token, chats named chat-N.")
    var peer = false

    func validate() throws {
        if let users, !(1...clients).contains(users) { throw ValidationError("--users must be 1...--clients") }
    }

    func run() async throws {
        guard let base = URL(string: url), base.host != nil, base.port != nil else {
            throw ValidationError("--url must be like http://127.0.0.1:3000")
        }
        var nodes: [(host: String, port: Int)] = []
        for node in nodeURLs.isEmpty ? [url] : nodeURLs {
            guard let nodeURL = URL(string: node), let host = nodeURL.host, let port = nodeURL.port else {
                throw ValidationError("--node-url must be like http://127.0.0.1:3000")
            }
            nodes.append((host, port))
        }
        let setup = Setup(base: base)
        let prefix = "u\(UInt32.random(in: 0...UInt32.max))"
        let started = ContinuousClock.now
        let userCount = users ?? clients
        let accounts = peer
            ? (0..<userCount).map { LoadUser(id: "\(prefix)-\($0)", token: "peer") }
            : try await setup.users(userCount, prefix: prefix)
        let userOf = { (client: Int) in accounts[client % accounts.count] }
        var chats: [Int: String] = [:]
        for start in stride(from: 0, to: clients, by: roomSize) {
            let room = start..<min(start + roomSize, clients)
            let chat = peer
                ? "chat-\(start / roomSize)" : try await setup.group(by: userOf(start), with: room.dropFirst().map(userOf))
            for index in room { chats[index] = chat }
        }
        let chatOf = chats
        print("set up \(accounts.count) users in \(Set(chatOf.values).count) chats in \(ContinuousClock.now - started)")

        let serverPids = serverPids
        let sampleServers = { serverPids.map { ProcessSample.take(pid: $0) } }
        let samplePostgres = { postgresPid.flatMap { ProcessSample.takeTree(pid: $0) } }
        let beforeConnect = sampleServers()
        let group = MultiThreadedEventLoopGroup(numberOfThreads: threads)
        let loops = (0..<threads).map { _ in group.next() }
        let statsByLoop = loops.map { _ in LoadStats() }
        var sockets: [(client: NIOLoopBound<SocketIOLoadClient>, loop: any EventLoop)] = []
        let connecting = ContinuousClock.now
        for index in 0..<clients {
            let slot = index % threads
            let loop = loops[slot]
            let stats = statsByLoop[slot]
            let ready = loop.makePromise(of: Void.self)
            let token = userOf(index).token
            // Sockets sit in groups of `nodeGroup` consecutive clients per node: one client, or one room.
            let nodeGroup = roomPerNode ? roomSize : 1
            let node = nodes[(index / nodeGroup) % nodes.count]
            let nodeCount = nodes.count
            let client = try await loop.submit {
                NIOLoopBound(
                    SocketIOLoadClient(
                        token: token, chatID: chatOf[index]!, host: "\(node.host):\(node.port)", clientIndex: index,
                        nodeCount: nodeCount, nodeGroup: nodeGroup, stats: stats, ready: ready),
                    eventLoop: loop)
            }.get()
            _ = try await ClientBootstrap(group: loop)
                .connectTimeout(.seconds(60))
                .channelOption(.tcpOption(.tcp_nodelay), value: 1)
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture { try channel.pipeline.syncOperations.addHandler(client.value) }
                }
                .connect(host: node.host, port: node.port).get()
            try await ready.futureResult.get()
            sockets.append((client, loop))
        }
        print("connected and joined \(sockets.count) sockets in \(ContinuousClock.now - connecting)")

        if idle {
            for (slot, loop) in loops.enumerated() { try await loop.submit { statsByLoop[slot].sending = false }.get() }
        } else {
            print("warming up \(warmup) s")
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
        }
        // After connecting (and warming up): the server's memory for the sockets, before the window's traffic.
        let afterConnect = sampleServers()
        for (slot, loop) in loops.enumerated() { try await loop.submit { statsByLoop[slot].beginMeasuring() }.get() }
        let before = sampleServers()
        let postgresBefore = samplePostgres()
        let machineBefore = MachineSample.take()
        let generatorBefore = ProcessSample.take(pid: getpid())
        try await Task.sleep(for: .seconds(duration))
        let after = sampleServers()
        let postgresAfter = samplePostgres()
        let machineAfter = MachineSample.take()
        let generatorAfter = ProcessSample.take(pid: getpid())
        for (slot, loop) in loops.enumerated() {
            try await loop.submit {
                statsByLoop[slot].measuring = false
                statsByLoop[slot].sending = false
            }.get()
        }
        if !idle { try await Task.sleep(for: .seconds(3)) }  // let what is in flight arrive
        let total = LoadStats()
        for (slot, loop) in loops.enumerated() { try await loop.submit { total.merge(statsByLoop[slot]) }.get() }
        try await group.shutdownGracefully()

        func pair(_ first: ProcessSample?, _ second: ProcessSample?) -> (ProcessSample, ProcessSample)? {
            first.flatMap { first in second.map { (first, $0) } }
        }
        let report = LoadReport(
            label: label, clients: clients, users: accounts.count, roomSize: roomSize, rate: rate, idle: idle,
            seconds: duration, stats: total, nodeURLs: nodeURLs.isEmpty ? [url] : nodeURLs,
            servers: serverPids.indices.map { LoadReport.Server(
                pid: serverPids[$0], window: pair(before[$0], after[$0]), connect: pair(beforeConnect[$0], afterConnect[$0]))
            },
            postgres: pair(postgresBefore, postgresAfter),
            generator: pair(generatorBefore, generatorAfter),
            machine: machineBefore.flatMap { first in machineAfter.map { (first, $0) } })
        print(report.table)
        if let json { try report.json.write(toFile: json, atomically: true, encoding: .utf8) }
    }
}
