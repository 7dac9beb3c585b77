import ChatDomain
import Foundation

/// Counts login attempts per client address and failures per account in one-minute windows, and refuses
/// with `DomainError.rateLimited` (the time left in the window) past either limit. A limit of 0 is off.
actor LoginRateLimiter {
    private struct Window {
        var start: Date
        var count: Int
    }

    private let attemptsPerAddress: Int
    private let failuresPerAccount: Int
    private let window: TimeInterval = 60
    private var addresses: [String: Window] = [:]
    private var accounts: [String: Window] = [:]

    init(attemptsPerAddress: Int, failuresPerAccount: Int) {
        self.attemptsPerAddress = attemptsPerAddress
        self.failuresPerAccount = failuresPerAccount
    }

    /// Counts an attempt from `address` for `account`; throws when either is over its limit.
    func admit(address: String?, account: String, now: Date = Date()) throws {
        prune(now)
        if failuresPerAccount > 0, let failures = accounts[account], failures.count >= failuresPerAccount {
            throw DomainError.rateLimited(retryAfterSeconds: retryAfter(failures, now))
        }
        guard attemptsPerAddress > 0, let address else { return }
        var attempts = current(addresses[address], now)
        attempts.count += 1
        addresses[address] = attempts
        if attempts.count > attemptsPerAddress {
            throw DomainError.rateLimited(retryAfterSeconds: retryAfter(attempts, now))
        }
    }

    /// Counts a failed password for `account`.
    func recordFailure(account: String, now: Date = Date()) {
        guard failuresPerAccount > 0 else { return }
        var failures = current(accounts[account], now)
        failures.count += 1
        accounts[account] = failures
    }

    private func current(_ window: Window?, _ now: Date) -> Window {
        guard let window, now.timeIntervalSince(window.start) < self.window else { return Window(start: now, count: 0) }
        return window
    }

    private func retryAfter(_ window: Window, _ now: Date) -> Int {
        max(1, Int((self.window - now.timeIntervalSince(window.start)).rounded(.up)))
    }

    /// Drops finished windows once the tables grow, so memory stays bounded by recent traffic.
    private func prune(_ now: Date) {
        guard addresses.count + accounts.count > 10_000 else { return }
        addresses = addresses.filter { now.timeIntervalSince($0.value.start) < window }
        accounts = accounts.filter { now.timeIntervalSince($0.value.start) < window }
    }
}
