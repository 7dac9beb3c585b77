import ChatDomain
import ChatPersistence
import Foundation
import GRDB
import Testing

@Suite("SQLiteDatabase")
struct SQLiteDatabaseTests {
    @Test func opensInWALModeWithForeignKeysOnAndCreatesTheParentDirectory() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.path("data", "nested", "chat.sqlite")
        let database = try await SQLiteDatabase(path: path, migrateFrom: try SchemaLocation.resolve(.sqlite))
        #expect(FileManager.default.fileExists(atPath: path))
        #expect(try await database.column("PRAGMA journal_mode") == ["wal"])
        #expect(try await database.column("PRAGMA foreign_keys") == ["1"])
        #expect(try await database.column("PRAGMA mmap_size") == ["\(256 << 20)"])
        let writerMap = try await database.pool.write { db in try Int.fetchOne(db, sql: "PRAGMA mmap_size") }
        #expect(writerMap == 256 << 20)
        let checkpoint = try await database.pool.write { db in try Int.fetchOne(db, sql: "PRAGMA wal_autocheckpoint") }
        #expect(checkpoint == 8_192)
    }

    @Test func foreignKeysAreEnforced() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = try await SQLiteDatabase(
            path: directory.path("chat.sqlite"), migrateFrom: try SchemaLocation.resolve(.sqlite))
        let chat = Fixture.group("g")
        try await SQLiteChatRepository(database).create(chat, members: [])
        let stranger = Membership(chatID: chat.id, userID: UserID(UUID()), role: .member, joinedAt: at(0))
        await #expect(throws: (any Error).self) { try await SQLiteChatRepository(database).addMember(stranger) }
        #expect(try await SQLiteChatRepository(database).members(of: chat.id).isEmpty)
    }

    @Test func aLockHeldLongerThanTheBusyTimeoutIsUnavailable() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.path("chat.sqlite")
        let holder = try await SQLiteDatabase(path: path, migrateFrom: try SchemaLocation.resolve(.sqlite))
        let waiter = try await SQLiteDatabase(path: path, busyTimeout: 0.05)
        let locked = DispatchSemaphore(value: 0)
        let holding = Task {
            try await holder.pool.write { db in
                try db.execute(sql: "UPDATE users SET name = name")
                locked.signal()
                Thread.sleep(forTimeInterval: 1)
            }
        }
        // Wait until the holder really holds the write lock, however loaded the machine is.
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                locked.wait()
                continuation.resume()
            }
        }
        await expectDomainError("SERVICE_UNAVAILABLE") {
            try await SQLiteUserRepository(waiter).create(Fixture.user("Alice"))
        }
        try await holding.value
        try await SQLiteUserRepository(waiter).create(Fixture.user("Alice"))
    }

    @Test func readinessCheckAnswersWhenTheDatabaseIsOpen() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = try await SQLiteDatabase(path: directory.path("chat.sqlite"))
        try await database.checkReady()
    }
}
