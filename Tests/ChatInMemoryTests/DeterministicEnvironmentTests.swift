import ChatDomain
import ChatInMemory
import Foundation
import Testing

@Suite struct DeterministicEnvironmentTests {
    @Test func theManualClockMovesOnlyWhenTold() {
        let clock = ManualClock(Date(timeIntervalSince1970: 100))
        #expect(clock.now() == Date(timeIntervalSince1970: 100))
        clock.advance(by: 5)
        #expect(clock.now() == Date(timeIntervalSince1970: 105))
        clock.set(Date(timeIntervalSince1970: 7))
        #expect(clock.now() == Date(timeIntervalSince1970: 7))
    }

    @Test func sequentialIdsCountFromTheStartAndNeverRepeatUnderConcurrency() async {
        let ids = SequentialIDGenerator()
        #expect(ids.next().uuidString == "00000000-0000-0000-0000-000000000001")
        #expect(ids.next().uuidString == "00000000-0000-0000-0000-000000000002")
        let many = await withTaskGroup(of: UUID.self) { group in
            for _ in 0..<200 { group.addTask { ids.next() } }
            return await group.reduce(into: Set<UUID>()) { $0.insert($1) }
        }
        #expect(many.count == 200)
    }
}
