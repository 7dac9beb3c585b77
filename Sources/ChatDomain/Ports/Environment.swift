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
    /// The system's wall clock.
    public init() {}
    public func now() -> Date { Date() }
}

/// Random (version 4) UUIDs: 122 random bits from the system's secure generator (`getrandom` on Linux, no file
/// opened per id, unlike `UUID()` there), with the version and variant bits of RFC 9562.
public struct RandomIDGenerator: IDGenerator {
    /// A generator; it holds no state, so any instance will do.
    public init() {}
    public func next() -> UUID {
        var generator = SystemRandomNumberGenerator()
        var uuid: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        withUnsafeMutableBytes(of: &uuid) { bytes in
            bytes.storeBytes(of: generator.next() as UInt64, toByteOffset: 0, as: UInt64.self)
            bytes.storeBytes(of: generator.next() as UInt64, toByteOffset: 8, as: UInt64.self)
        }
        uuid.6 = (uuid.6 & 0x0F) | 0x40
        uuid.8 = (uuid.8 & 0x3F) | 0x80
        return UUID(uuid: uuid)
    }
}
