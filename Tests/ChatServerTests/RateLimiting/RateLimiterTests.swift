import ChatDomain
import Foundation
import Testing

@testable import ChatServer

@Suite("Rate limiter")
struct RateLimiterTests {
    let start = Date(timeIntervalSince1970: 1_000_000)

    @Test func refusesPastTheLimitWithTheSecondsLeftInTheWindow() async throws {
        let limiter = RateLimiter(limit: 2)
        try await limiter.admit("alice", now: start)
        try await limiter.admit("alice", now: start.addingTimeInterval(1))
        await #expect(throws: DomainError.rateLimited(retryAfterSeconds: 50)) {
            try await limiter.admit("alice", now: start.addingTimeInterval(10))
        }
        try await limiter.admit("bob", now: start.addingTimeInterval(10))
        try await limiter.admit("alice", now: start.addingTimeInterval(60))
    }

    @Test func zeroIsOff() async throws {
        let limiter = RateLimiter(limit: 0)
        for _ in 0..<10_000 { try await limiter.admit("alice", now: start) }
        await limiter.record("alice", now: start)
        try await limiter.check("alice", now: start)
    }

    @Test func checkRefusesOnceRecordedEventsReachTheLimitUntilTheWindowEnds() async throws {
        let limiter = RateLimiter(limit: 2)
        await limiter.record("alice", now: start)
        try await limiter.check("alice", now: start)
        await limiter.record("alice", now: start)
        await #expect(throws: DomainError.rateLimited(retryAfterSeconds: 60)) { try await limiter.check("alice", now: start) }
        try await limiter.check("alice", now: start.addingTimeInterval(60))
    }

    @Test func anUnknownClientAddressIsNotLimited() async throws {
        let limiter = RateLimiter(limit: 1)
        for _ in 0..<5 { try await limiter.admit(nil, now: start) }
    }
}
