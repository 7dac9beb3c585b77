import Foundation

/// The current time; a port so tests can move it.
public protocol Clock: Sendable {
    /// Now.
    func now() -> Date
}

/// New unique identifiers; a port so tests can predict them.
public protocol IDGenerator: Sendable {
    /// A new random UUID.
    func next() -> UUID
}

/// The wall clock.
public struct SystemClock: Clock {
    public init() {}
    public func now() -> Date { Date() }
}

/// Random (version 4) UUIDs.
public struct RandomIDGenerator: IDGenerator {
    public init() {}
    public func next() -> UUID { UUID() }
}
