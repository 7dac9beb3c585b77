import ChatDomain
import Foundation
import Synchronization

/// A `Clock` that stands still until it is moved: every `now()` returns the same instant until `advance` or `set`.
/// Safe to read and move from any task.
public final class ManualClock: ChatDomain.Clock {
    private let current: Mutex<Date>

    /// A clock showing `start` (by default 2027-01-15 08:00:00 UTC, a fixed instant).
    public init(_ start: Date = Date(timeIntervalSince1970: 1_800_000_000)) { current = Mutex(start) }

    /// The instant the clock shows.
    public func now() -> Date { current.withLock { $0 } }

    /// Moves the clock by `seconds` (backwards when negative).
    public func advance(by seconds: TimeInterval) { current.withLock { $0 = $0.addingTimeInterval(seconds) } }

    /// Sets the clock to `date`.
    public func set(_ date: Date) { current.withLock { $0 = date } }
}
