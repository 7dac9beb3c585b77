import Foundation
import Histogram

/// The figures of one run: throughput, latency percentiles, correctness counts, CPU per delivery and server memory per
/// socket. With several nodes, also the delivery latency of same-node and cross-node deliveries, and each node's CPU
/// and memory (the server figures are then their sums); with a postmaster PID, PostgreSQL's CPU.
struct LoadReport {
    /// One server process: where it was at the start and the end of the measured window, and before the sockets
    /// connected and once they all had (after warm-up, when not idle).
    struct Server {
        var pid: Int32
        var window: (ProcessSample, ProcessSample)?
        var connect: (ProcessSample, ProcessSample)?

        var cpu: Double? { window.map { $1.cpuSeconds - $0.cpuSeconds } }
        var residentBytes: Int? { window.map { $1.residentBytes } }
        var connectGrowthBytes: Int? { connect.map { $1.residentBytes - $0.residentBytes } }
    }

    var label: String
    var clients: Int
    var users: Int
    var roomSize: Int
    var rate: Double
    var idle: Bool
    var seconds: Double
    var stats: LoadStats
    /// The socket URLs, one per node.
    var nodeURLs: [String]
    var servers: [Server]
    /// PostgreSQL's postmaster and its children at the start and the end of the measured window.
    var postgres: (ProcessSample, ProcessSample)?
    var generator: (ProcessSample, ProcessSample)?
    /// Every core's busy time at the start and the end of the window (reported with several nodes or PostgreSQL).
    var machine: (MachineSample, MachineSample)?

    var clustered: Bool { nodeURLs.count > 1 }
    var deliveriesPerSecond: Double { Double(stats.delivered) / seconds }
    /// Acknowledged messages whose room did not receive them on every socket.
    var missing: Int {
        stats.ackedTokens.reduce(0) { $0 + max(0, roomSize - (stats.deliveries[$1] ?? 0)) }
    }
    /// A sum over the servers, nil when there are none or one of them could not be read.
    private func sum<T: AdditiveArithmetic>(_ value: (Server) -> T?) -> T? {
        guard !servers.isEmpty else { return nil }
        var total = T.zero
        for server in servers {
            guard let each = value(server) else { return nil }
            total += each
        }
        return total
    }
    var serverCPU: Double? { sum(\.cpu) }
    private func perDelivery(_ seconds: Double?) -> Double? {
        seconds.map { stats.delivered > 0 ? $0 * 1e6 / Double(stats.delivered) : 0 }
    }
    var serverMicrosecondsPerDelivery: Double? { perDelivery(serverCPU) }
    var serverResidentBytes: Int? { sum(\.residentBytes) }
    /// The servers' RSS growth from before the sockets connected to after, per socket, KiB.
    var serverRssPerSocketKiB: Double? {
        sum(\.connectGrowthBytes).map { clients > 0 ? Double($0) / 1024 / Double(clients) : 0 }
    }
    var postgresCPU: Double? { postgres.map { $1.cpuSeconds - $0.cpuSeconds } }
    var generatorCPU: Double? { generator.map { $1.cpuSeconds - $0.cpuSeconds } }
    /// Whether to report the machine's cores: a cluster or PostgreSQL run, so that a single node's output is as it was.
    private var reportsMachine: Bool { machine != nil && (clustered || postgres != nil) }
    /// Busy seconds of each core in the window.
    var coreBusySeconds: [Double]? { machine.map { pair in zip(pair.0.busySeconds, pair.1.busySeconds).map { $1 - $0 } } }
    /// The machine's busy time in the window that neither the servers, PostgreSQL nor the generator account for:
    /// other processes (and the kernel's work for nobody in particular), the noise of the run.
    var otherCPU: Double? {
        guard let cores = coreBusySeconds else { return nil }
        return cores.reduce(0, +) - (serverCPU ?? 0) - (postgresCPU ?? 0) - (generatorCPU ?? 0)
    }

    func milliseconds(_ percentile: Double, ack: Bool = false) -> Double {
        Double((ack ? stats.ackLatency : stats.deliveryLatency).valueAtPercentile(percentile)) / 1e6
    }

    private var sameNode: LatencySummary { LatencySummary(stats.sameNodeLatency, seconds: seconds) }
    private var crossNode: LatencySummary { LatencySummary(stats.crossNodeLatency, seconds: seconds) }

    var table: String {
        func format(_ value: Double?, _ digits: Int = 2) -> String { value.map { String(format: "%.\(digits)f", $0) } ?? "-" }
        func percentiles(_ latency: LatencySummary) -> String {
            "\(format(latency.p50)) / \(format(latency.p99)) / \(format(latency.p999))"
        }
        var rows: [(String, String)] = [
            ("run", label),
            ("clients / users / room size / rate",
             "\(clients) / \(users) / \(roomSize) / \(idle ? "idle" : rate == 0 ? "saturation" : "\(rate)/s")"),
            ("sent / acked / ack errors", "\(stats.sent) / \(stats.acked) / \(stats.ackErrors)"),
            ("delivered/s", format(deliveriesPerSecond, 0)),
            ("delivery p50 / p99 / p99.9 ms", "\(format(milliseconds(50))) / \(format(milliseconds(99))) / \(format(milliseconds(99.9)))"),
        ]
        if clustered {
            rows += [
                ("nodes", nodeURLs.joined(separator: " ")),
                ("same-node delivered/s", format(sameNode.perSecond, 0)),
                ("same-node delivery p50 / p99 / p99.9 ms", percentiles(sameNode)),
                ("cross-node delivered/s", format(crossNode.perSecond, 0)),
                ("cross-node delivery p50 / p99 / p99.9 ms", percentiles(crossNode)),
            ]
        }
        rows += [
            ("ack p50 / p99 ms", "\(format(milliseconds(50, ack: true))) / \(format(milliseconds(99, ack: true)))"),
            ("missing deliveries", "\(missing)"),
            ("seq inversions", "\(stats.inversions)"),
        ]
        if clustered { rows.append(("seq inversions, late message cross-node", "\(stats.crossNodeInversions)")) }
        if servers.count > 1 {
            for (index, server) in servers.enumerated() {
                rows.append((
                    "server \(index + 1) (pid \(server.pid)) CPU s / RSS MiB",
                    "\(format(server.cpu)) / \(format(server.residentBytes.map { Double($0) / 1_048_576 }, 1))"))
            }
        }
        let sums = servers.count > 1 ? " (sum)" : ""
        rows += [
            ("server CPU s / µs per delivery\(sums)", "\(format(serverCPU)) / \(format(serverMicrosecondsPerDelivery, 1))"),
            ("server RSS MiB\(sums)", format(serverResidentBytes.map { Double($0) / 1_048_576 }, 1)),
            ("server RSS per socket KiB\(sums)", format(serverRssPerSocketKiB, 1)),
        ]
        if postgres != nil {
            rows += [
                ("PostgreSQL CPU s / µs per delivery", "\(format(postgresCPU)) / \(format(perDelivery(postgresCPU), 1))"),
                ("servers + PostgreSQL µs per delivery",
                 format(perDelivery(serverCPU.flatMap { servers in postgresCPU.map { servers + $0 } }), 1)),
            ]
        }
        rows.append(("generator CPU s", format(generatorCPU)))
        if reportsMachine, let cores = coreBusySeconds {
            rows += [
                ("machine busy s per core", cores.map { format($0) }.joined(separator: " / ")),
                ("other CPU s (busy - measured)", format(otherCPU)),
            ]
        }
        let width = rows.map(\.0.count).max() ?? 0
        return rows.map { $0.0.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + $0.1 }.joined(separator: "\n")
    }

    /// A value for JSONSerialization: the value, or null.
    private func orNull(_ value: (some Any)?) -> Any { value.map { $0 as Any } ?? NSNull() }

    var json: String {
        var object: [String: Any] = [
            "label": label, "clients": clients, "users": users, "roomSize": roomSize, "rate": rate, "idle": idle,
            "seconds": seconds,
            "sent": stats.sent, "acked": stats.acked, "ackErrors": stats.ackErrors, "delivered": stats.delivered,
            "deliveriesPerSecond": deliveriesPerSecond, "missing": missing, "inversions": stats.inversions,
            "deliveryMs": ["p50": milliseconds(50), "p99": milliseconds(99), "p999": milliseconds(99.9)],
            "ackMs": ["p50": milliseconds(50, ack: true), "p99": milliseconds(99, ack: true)],
            "serverCpuSeconds": orNull(serverCPU), "serverMicrosecondsPerDelivery": orNull(serverMicrosecondsPerDelivery),
            "serverRssBytes": orNull(serverResidentBytes),
            "serverRssPerSocketKiB": orNull(serverRssPerSocketKiB),
            "generatorCpuSeconds": orNull(generator.map { $1.cpuSeconds - $0.cpuSeconds }),
        ]
        if clustered {
            object["nodes"] = nodeURLs
            object["sameNodeDeliveryMs"] = sameNode.json
            object["crossNodeDeliveryMs"] = crossNode.json
            object["crossNodeInversions"] = stats.crossNodeInversions
        }
        if servers.count > 1 {
            object["servers"] = servers.map { server -> [String: Any] in
                [
                    "pid": server.pid, "cpuSeconds": orNull(server.cpu), "rssBytes": orNull(server.residentBytes),
                    "microsecondsPerDelivery": orNull(perDelivery(server.cpu)),
                    "rssPerSocketKiB": orNull(server.connectGrowthBytes.map { Double($0) / 1024 / Double(max(1, clients)) }),
                ]
            }
        }
        if reportsMachine {
            object["coreBusySeconds"] = orNull(coreBusySeconds)
            object["otherCpuSeconds"] = orNull(otherCPU)
        }
        if postgres != nil {
            object["postgresCpuSeconds"] = orNull(postgresCPU)
            object["postgresMicrosecondsPerDelivery"] = orNull(perDelivery(postgresCPU))
        }
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }
}

/// Percentiles of one latency histogram, milliseconds, and its count per second of the window.
private struct LatencySummary {
    var p50: Double
    var p99: Double
    var p999: Double
    var count: UInt64
    var perSecond: Double

    init(_ histogram: Histogram<UInt64>, seconds: Double) {
        p50 = Double(histogram.valueAtPercentile(50)) / 1e6
        p99 = Double(histogram.valueAtPercentile(99)) / 1e6
        p999 = Double(histogram.valueAtPercentile(99.9)) / 1e6
        count = histogram.totalCount
        perSecond = Double(count) / seconds
    }

    var json: [String: Any] { ["p50": p50, "p99": p99, "p999": p999, "count": count] }
}
