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
        guard let fields = statFields(pid),
            let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
            let user = Double(fields[11]), let system = Double(fields[12])
        else { return nil }
        let rssLine = status.split(separator: "\n").first { $0.hasPrefix("VmRSS:") }
        let kilobytes = rssLine.flatMap { Int($0.split(separator: " ").dropFirst().first ?? "") } ?? 0
        return ProcessSample(cpuSeconds: (user + system) / ticks, residentBytes: kilobytes * 1024, at: .now)
    }

    /// The CPU of `pid` and of all its children now, for a server such as PostgreSQL's postmaster that forks a process
    /// per connection and reaps them: its own user and system time, the time of its children that have exited and been
    /// waited for (`cutime`, `cstime`), and that of its living children (found by their parent PID), theirs included.
    /// The difference of two such samples counts every child that ran in between, whether it came, went or stayed.
    /// `residentBytes` is the parent's alone (children share its buffers). Nil when the process does not exist.
    static func takeTree(pid: Int32) -> ProcessSample? {
        guard let fields = statFields(pid), let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)
        else { return nil }
        var ticksUsed = cumulativeTicks(fields)
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        for entry in entries {
            guard let child = Int32(entry), child != pid, let childFields = statFields(child), Int32(childFields[1]) == pid
            else { continue }
            ticksUsed += cumulativeTicks(childFields)
        }
        let rssLine = status.split(separator: "\n").first { $0.hasPrefix("VmRSS:") }
        let kilobytes = rssLine.flatMap { Int($0.split(separator: " ").dropFirst().first ?? "") } ?? 0
        return ProcessSample(cpuSeconds: ticksUsed / ticks, residentBytes: kilobytes * 1024, at: .now)
    }

    private static let ticks = Double(sysconf(Int32(_SC_CLK_TCK)))

    /// The fields of `/proc/PID/stat` after the command name: index 0 is the state (field 3), 1 the parent PID, 11 and
    /// 12 utime and stime, 13 and 14 cutime and cstime (fields 14 to 17).
    private static func statFields(_ pid: Int32) -> [Substring]? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let closing = stat.lastIndex(of: ")")
        else { return nil }
        let fields = stat[stat.index(after: closing)...].split(separator: " ")
        return fields.count > 14 ? fields : nil
    }

    /// utime + stime + cutime + cstime, in clock ticks.
    private static func cumulativeTicks(_ fields: [Substring]) -> Double {
        fields[11...14].reduce(0) { $0 + (Double($1) ?? 0) }
    }
}

/// Busy CPU time of each core of the machine, whoever used it, from `/proc/stat`: to tell how much else ran during a
/// window besides the processes measured.
struct MachineSample {
    /// Seconds each core spent outside idle and I/O wait (user, nice, system, irq, softirq, steal), by core number.
    var busySeconds: [Double]

    static func take() -> MachineSample? {
        guard let stat = try? String(contentsOfFile: "/proc/stat", encoding: .utf8) else { return nil }
        let ticks = Double(sysconf(Int32(_SC_CLK_TCK)))
        var busy: [Double] = []
        for line in stat.split(separator: "\n") where line.hasPrefix("cpu") && !line.hasPrefix("cpu ") {
            let values = line.split(separator: " ").dropFirst().map { Double($0) ?? 0 }
            guard values.count >= 8 else { continue }
            busy.append((values[0] + values[1] + values[2] + values[5] + values[6] + values[7]) / ticks)
        }
        return busy.isEmpty ? nil : MachineSample(busySeconds: busy)
    }
}
