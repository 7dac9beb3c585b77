import ChatDomain
import Foundation
import HummingbirdBcrypt

/// bcrypt password hashing, computed on low-priority threads of its own (`LowPriorityWorkers`), so that neither
/// NIO's event loops nor Swift's cooperative pool wait for the ~50–100 ms a hash takes, and under load the scheduler
/// gives the CPU to message delivery first.
public struct BcryptPasswordHasher: PasswordHasher {
    /// Shared by every hasher of the process: as many threads as cores.
    static let workers = LowPriorityWorkers(
        threads: ProcessInfo.processInfo.activeProcessorCount, name: "bcrypt")

    /// The bcrypt cost factor (log2 of the rounds); at least 10.
    public let cost: UInt8

    /// A hasher with `cost` (clamped to at least 10).
    public init(cost: UInt8 = 10) { self.cost = max(cost, 10) }

    public func hash(_ password: String) async throws -> String {
        let cost = cost
        return await offloaded { Bcrypt.hash(password, cost: cost) }
    }

    public func verify(_ password: String, against hash: String) async throws -> Bool {
        await offloaded { Bcrypt.verify(password, hash: hash) }
    }

    private func offloaded<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await Self.workers.run(work)
    }
}
