import ChatDomain
import Foundation
import Synchronization

/// An `IDGenerator` that counts: 00000000-0000-0000-0000-000000000001, …02, …03, so ids are predictable and sort
/// in the order made. Each call returns a different id, also from concurrent tasks. Not random: never use it where
/// ids must be unguessable.
public final class SequentialIDGenerator: IDGenerator {
    private let counter: Mutex<UInt64>

    /// A generator whose first id ends in `first` (1 by default).
    public init(startingAt first: UInt64 = 1) { counter = Mutex(first) }

    /// The next id: the counter as the UUID's last 8 bytes, big-endian.
    public func next() -> UUID {
        let value = counter.withLock { value in
            defer { value &+= 1 }
            return value
        }
        var uuid: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        withUnsafeMutableBytes(of: &uuid) { bytes in
            bytes.storeBytes(of: value.bigEndian, toByteOffset: 8, as: UInt64.self)
        }
        return UUID(uuid: uuid)
    }
}
