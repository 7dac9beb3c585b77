import ChatAuth
import ChatDomain
import ChatPersistence
import Foundation
import Testing

/// The session gate over the real SQLite session repository.
@Suite("Cached session gate")
struct CachedSessionGateTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    /// A fresh database holding one user with one active session.
    func fixture() async throws -> (SQLiteSessionRepository, Session, URL) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gate-\(UUID().uuidString)")
        let database = try await SQLiteDatabase(
            path: directory.appendingPathComponent("chat.sqlite").path, migrateFrom: SchemaLocation.resolve(.sqlite))
        let user = User(id: UserID(UUID()), email: "a@example.com", username: "alice", name: "A", passwordHash: "x", createdAt: now)
        try await SQLiteUserRepository(database).create(user)
        let session = Session(
            id: SessionID(UUID()), userID: user.id, deviceType: .mobile, deviceName: nil, userAgent: nil,
            refreshTokenHash: UUID().uuidString, createdAt: now, lastUsedAt: now, expiresAt: now.addingTimeInterval(3600))
        let sessions = SQLiteSessionRepository(database)
        try await sessions.create(session)
        return (sessions, session, directory)
    }

    @Test func aRevocationThroughTheGateTakesEffectAtOnce() async throws {
        let (sessions, session, directory) = try await fixture()
        defer { try? FileManager.default.removeItem(at: directory) }
        let gate = CachedSessionGate(sessions: sessions, ttl: 3600)
        #expect(try await gate.isActive(session.id, of: session.userID, at: now))
        _ = try await sessions.revoke(id: session.id, at: now)
        await gate.invalidate([session.id])
        #expect(try await !gate.isActive(session.id, of: session.userID, at: now))
    }

    @Test func aRevocationElsewhereIsSeenWithinTheTTL() async throws {
        let (sessions, session, directory) = try await fixture()
        defer { try? FileManager.default.removeItem(at: directory) }
        let gate = CachedSessionGate(sessions: sessions, ttl: 5)
        #expect(try await gate.isActive(session.id, of: session.userID, at: now))
        _ = try await sessions.revoke(id: session.id, at: now)
        #expect(try await gate.isActive(session.id, of: session.userID, at: now.addingTimeInterval(1)), "cached for the TTL")
        #expect(try await !gate.isActive(session.id, of: session.userID, at: now.addingTimeInterval(6)), "seen after the TTL")
    }

    @Test func expiredAndUnknownSessionsAreInactive() async throws {
        let (sessions, session, directory) = try await fixture()
        defer { try? FileManager.default.removeItem(at: directory) }
        let gate = CachedSessionGate(sessions: sessions, ttl: 5)
        #expect(try await !gate.isActive(session.id, of: session.userID, at: now.addingTimeInterval(7200)))
        #expect(try await !gate.isActive(SessionID(UUID()), of: session.userID, at: now))
    }

    @Test func aSessionIsNeverActiveForAnotherUser() async throws {
        let (sessions, session, directory) = try await fixture()
        defer { try? FileManager.default.removeItem(at: directory) }
        let gate = CachedSessionGate(sessions: sessions, ttl: 3600)
        let stranger = UserID(UUID())
        #expect(try await !gate.isActive(session.id, of: stranger, at: now), "asked first for the wrong user")
        #expect(try await gate.isActive(session.id, of: session.userID, at: now))
        #expect(try await !gate.isActive(session.id, of: stranger, at: now), "answered from the cache")
    }
}
