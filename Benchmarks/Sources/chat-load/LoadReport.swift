import Foundation

/// The figures of one run: throughput, latency percentiles, correctness counts, CPU per delivery and server memory per
/// socket.
struct LoadReport {
    var label: String
    var clients: Int
    var users: Int
    var roomSize: Int
    var rate: Double
    var idle: Bool
    var seconds: Double
    var stats: LoadStats
    /// The server at the start and the end of the measured window.
    var server: (ProcessSample, ProcessSample)?
    /// The server before the sockets connected and once they all had (after warm-up, when not idle).
    var connect: (ProcessSample, ProcessSample)?
    var generator: (ProcessSample, ProcessSample)?

    var deliveriesPerSecond: Double { Double(stats.delivered) / seconds }
    /// Acknowledged messages whose room did not receive them on every socket.
    var missing: Int {
        stats.ackedTokens.reduce(0) { $0 + max(0, roomSize - (stats.deliveries[$1] ?? 0)) }
    }
    var serverCPU: Double? { server.map { $1.cpuSeconds - $0.cpuSeconds } }
    var serverMicrosecondsPerDelivery: Double? { serverCPU.map { stats.delivered > 0 ? $0 * 1e6 / Double(stats.delivered) : 0 } }
    /// The server's RSS growth from before the sockets connected to after, per socket, KiB.
    var serverRssPerSocketKiB: Double? {
        connect.map { clients > 0 ? Double($1.residentBytes - $0.residentBytes) / 1024 / Double(clients) : 0 }
    }

    func milliseconds(_ percentile: Double, ack: Bool = false) -> Double {
        Double((ack ? stats.ackLatency : stats.deliveryLatency).valueAtPercentile(percentile)) / 1e6
    }

    var table: String {
        func format(_ value: Double?, _ digits: Int = 2) -> String { value.map { String(format: "%.\(digits)f", $0) } ?? "-" }
        let rows: [(String, String)] = [
            ("run", label),
            ("clients / users / room size / rate",
             "\(clients) / \(users) / \(roomSize) / \(idle ? "idle" : rate == 0 ? "saturation" : "\(rate)/s")"),
            ("sent / acked / ack errors", "\(stats.sent) / \(stats.acked) / \(stats.ackErrors)"),
            ("delivered/s", format(deliveriesPerSecond, 0)),
            ("delivery p50 / p99 / p99.9 ms", "\(format(milliseconds(50))) / \(format(milliseconds(99))) / \(format(milliseconds(99.9)))"),
            ("ack p50 / p99 ms", "\(format(milliseconds(50, ack: true))) / \(format(milliseconds(99, ack: true)))"),
            ("missing deliveries", "\(missing)"),
            ("seq inversions", "\(stats.inversions)"),
            ("server CPU s / µs per delivery", "\(format(serverCPU)) / \(format(serverMicrosecondsPerDelivery, 1))"),
            ("server RSS MiB", format(server.map { Double($1.residentBytes) / 1_048_576 }, 1)),
            ("server RSS per socket KiB", format(serverRssPerSocketKiB, 1)),
            ("generator CPU s", format(generator.map { $1.cpuSeconds - $0.cpuSeconds })),
        ]
        let width = rows.map(\.0.count).max() ?? 0
        return rows.map { $0.0.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + $0.1 }.joined(separator: "\n")
    }

    /// A value for JSONSerialization: the value, or null.
    private func orNull(_ value: (some Any)?) -> Any { value.map { $0 as Any } ?? NSNull() }

    var json: String {
        let object: [String: Any] = [
            "label": label, "clients": clients, "users": users, "roomSize": roomSize, "rate": rate, "idle": idle,
            "seconds": seconds,
            "sent": stats.sent, "acked": stats.acked, "ackErrors": stats.ackErrors, "delivered": stats.delivered,
            "deliveriesPerSecond": deliveriesPerSecond, "missing": missing, "inversions": stats.inversions,
            "deliveryMs": ["p50": milliseconds(50), "p99": milliseconds(99), "p999": milliseconds(99.9)],
            "ackMs": ["p50": milliseconds(50, ack: true), "p99": milliseconds(99, ack: true)],
            "serverCpuSeconds": orNull(serverCPU), "serverMicrosecondsPerDelivery": orNull(serverMicrosecondsPerDelivery),
            "serverRssBytes": orNull(server.map { $1.residentBytes }),
            "serverRssPerSocketKiB": orNull(serverRssPerSocketKiB),
            "generatorCpuSeconds": orNull(generator.map { $1.cpuSeconds - $0.cpuSeconds }),
        ]
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }
}
