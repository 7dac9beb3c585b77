import Foundation

/// CPU time and resident memory of a process, read from `/proc`.
struct ProcessSample {
    /// User plus system CPU time, seconds.
    var cpuSeconds: Double
    /// Resident set size, bytes.
    var residentBytes: Int
    /// When it was taken.
    var at: ContinuousClock.Instant

    /// The sample of `pid` now; nil when the process does not exist.
    static func take(pid: Int32) -> ProcessSample? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
            let closing = stat.lastIndex(of: ")")
        else { return nil }
        // Fields after the command name: state is field 3; utime and stime are fields 14 and 15.
        let fields = stat[stat.index(after: closing)...].split(separator: " ")
        guard fields.count > 13, let user = Double(fields[11]), let system = Double(fields[12]) else { return nil }
        let ticks = Double(sysconf(Int32(_SC_CLK_TCK)))
        let rssLine = status.split(separator: "\n").first { $0.hasPrefix("VmRSS:") }
        let kilobytes = rssLine.flatMap { Int($0.split(separator: " ").dropFirst().first ?? "") } ?? 0
        return ProcessSample(cpuSeconds: (user + system) / ticks, residentBytes: kilobytes * 1024, at: .now)
    }
}
