import ChatDomain
import Foundation

/// Counts events per key (a client address, an account, a user) in fixed windows and refuses with
/// `DomainError.rateLimited` (the seconds left in the key's window) past the limit. A limit of 0 is off: nothing is
/// counted and nothing refused. Memory stays bounded by the keys seen in the last window.
actor RateLimiter {
    private struct Window {
        var start: Date
        var count: Int
    }

    /// Events allowed per key and window; 0 when the limiter is off.
    let limit: Int
    private let window: TimeInterval
    private var windows: [String: Window] = [:]

    /// A limiter allowing `limit` events per key in each window of `window` seconds (0 turns it off).
    init(limit: Int, window: TimeInterval = 60) {
        self.limit = limit
        self.window = window
    }

    /// Counts one event for `key` and throws `.rateLimited` when it is over the limit (the refused event still
    /// counts). A nil key (no client address) is never limited.
    func admit(_ key: String?, now: Date = Date()) throws {
        guard limit > 0, let key else { return }
        let counted = count(key, now)
        if counted.count > limit { throw DomainError.rateLimited(retryAfterSeconds: retryAfter(counted, now)) }
    }

    /// Throws `.rateLimited` when `key` has already reached the limit in its window; counts nothing.
    func check(_ key: String, now: Date = Date()) throws {
        guard limit > 0, let counted = windows[key], now.timeIntervalSince(counted.start) < window, counted.count >= limit else {
            return
        }
        throw DomainError.rateLimited(retryAfterSeconds: retryAfter(counted, now))
    }

    /// Counts one event for `key` without refusing it (a failed login, found out after the attempt was admitted).
    func record(_ key: String, now: Date = Date()) {
        guard limit > 0 else { return }
        count(key, now)
    }

    /// Adds one event to `key`'s current window and returns the window.
    @discardableResult
    private func count(_ key: String, _ now: Date) -> Window {
        prune(now)
        var counted = current(key, now)
        counted.count += 1
        windows[key] = counted
        return counted
    }

    private func current(_ key: String, _ now: Date) -> Window {
        guard let counted = windows[key], now.timeIntervalSince(counted.start) < window else { return Window(start: now, count: 0) }
        return counted
    }

    private func retryAfter(_ counted: Window, _ now: Date) -> Int {
        max(1, Int((window - now.timeIntervalSince(counted.start)).rounded(.up)))
    }

    /// Drops finished windows once the table grows, so memory stays bounded by recent traffic.
    private func prune(_ now: Date) {
        guard windows.count > 10_000 else { return }
        windows = windows.filter { now.timeIntervalSince($0.value.start) < window }
    }
}
