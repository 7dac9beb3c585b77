import Histogram

/// W5: `POST /auth/login` of the signed-up users, round robin, at a fixed rate for a while, each login on its own
/// task and at most `maxOutstanding` in flight (a tick that finds them all busy is skipped and counted). Open loop:
/// a slow server gets skips and higher latency, not a lower offered rate.
struct LoginLoad {
    let setup: Setup
    let emails: [String]
    let rate: Double
    var maxOutstanding = 64

    /// What the logins of one run saw.
    struct Result {
        var logins = 0
        var errors = 0
        var skipped = 0
        /// Request → response of the successful logins, nanoseconds.
        var latency = Histogram<UInt64>(highestTrackableValue: 120_000_000_000, numberOfSignificantValueDigits: .three)

        func milliseconds(_ percentile: Double) -> Double { Double(latency.valueAtPercentile(percentile)) / 1e6 }
    }

    private enum Event {
        case tick
        case done(nanoseconds: UInt64?)
    }

    /// Starts logins for `seconds`, then waits for those still in flight.
    func run(for seconds: Double) async -> Result {
        var result = Result()
        guard rate > 0, !emails.isEmpty else { return result }
        let clock = ContinuousClock()
        let start = clock.now
        let end = start + .seconds(seconds)
        let interval = Duration.seconds(1 / rate)
        return await withTaskGroup(of: Event.self) { group in
            var next = start
            var outstanding = 0
            var started = 0
            group.addTask { .tick }
            while let event = await group.next() {
                switch event {
                case .tick:
                    if outstanding < maxOutstanding {
                        let email = emails[started % emails.count]
                        started += 1
                        outstanding += 1
                        group.addTask {
                            let sent = monotonicNanoseconds()
                            guard (try? await setup.login(email)) != nil else { return .done(nanoseconds: nil) }
                            return .done(nanoseconds: monotonicNanoseconds() &- sent)
                        }
                    } else {
                        result.skipped += 1
                    }
                    next += interval
                    if next < end {
                        let deadline = next
                        group.addTask {
                            try? await Task.sleep(until: deadline, clock: clock)
                            return .tick
                        }
                    }
                case .done(let nanoseconds):
                    outstanding -= 1
                    if let nanoseconds {
                        result.logins += 1
                        _ = result.latency.record(nanoseconds)
                    } else {
                        result.errors += 1
                    }
                }
            }
            return result
        }
    }
}
