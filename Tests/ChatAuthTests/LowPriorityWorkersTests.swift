import Foundation
import Testing

@testable import ChatAuth

@Suite("Low-priority workers")
struct LowPriorityWorkersTests {
    @Test func workRunsOffTheCallerAtTheLowestPriorityAndReturnsItsResult() async {
        let workers = LowPriorityWorkers(threads: 2, name: "test-workers")
        let results = await withTaskGroup(of: (Int, Int32).self) { group in
            for index in 0..<8 {
                group.addTask {
                    await workers.run { (index * index, LowPriorityWorkers.currentThreadNiceness()) }
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.map(\.0).sorted() == (0..<8).map { $0 * $0 })
        #if os(Linux)
        #expect(results.allSatisfy { $0.1 == 10 })
        // The caller's own thread keeps its priority.
        #expect(LowPriorityWorkers.currentThreadNiceness() == 0)
        #endif
    }

    @Test func bcryptStillHashesAndVerifies() async throws {
        let hasher = BcryptPasswordHasher(cost: 10)
        let hash = try await hasher.hash("correct horse")
        #expect(try await hasher.verify("correct horse", against: hash))
        #expect(try await !hasher.verify("wrong horse", against: hash))
    }
}
