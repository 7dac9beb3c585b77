import ChatDomain
import Foundation
import struct PostgresNIO.PostgresQuery
import Testing

@testable import ChatPersistence

/// Where the PostgreSQL tests find their server: `CHAT_TEST_POSTGRES_URL` (see `scripts/services/postgres.sh`).
enum PostgresTestServer {
    static let adminURL = ProcessInfo.processInfo.environment["CHAT_TEST_POSTGRES_URL"]
    static let isConfigured = adminURL != nil

    /// The repository's root, found from this file's path.
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let migrationsDirectory = repositoryRoot.appendingPathComponent("schema/postgres")

    /// `url` with another database name.
    static func url(_ url: String, database: String) -> String {
        var components = URLComponents(string: url)!
        components.path = "/" + database
        return components.string!
    }

    /// Runs `body` with a brand-new database (migrated to the current schema unless `migrated` is false),
    /// running, and dropped afterwards whatever happens.
    static func withFreshDatabase<T: Sendable>(
        options: PostgresDatabase.Options = PostgresDatabase.Options(),
        migrated: Bool = true,
        _ body: @Sendable (PostgresDatabase) async throws -> T
    ) async throws -> T {
        let backend = try await PostgresTestBackend.make(options: options, migrated: migrated)
        let result: T
        do {
            result = try await body(backend.database)
        } catch {
            try? await backend.tearDown()
            throw error
        }
        try await backend.tearDown()
        return result
    }

    /// Runs `body` while `database.run()` runs beside it, then stops the pool.
    static func running<T: Sendable>(
        _ database: PostgresDatabase, _ body: @Sendable () async throws -> T
    ) async throws -> T {
        try await withThrowingTaskGroup(of: Void.self, returning: T.self) { group in
            group.addTask { try await database.run() }
            defer { group.cancelAll() }
            return try await body()
        }
    }
}

/// A new database on the test server with its pool running in background tasks, for callers that cannot
/// wrap their work in one closure (the contract suite's factory). `tearDown()` stops the pool and drops it.
struct PostgresTestBackend: Sendable {
    let database: PostgresDatabase
    private let admin: PostgresDatabase
    private let name: String
    private let pools: [Task<Void, any Error>]

    static func make(
        options: PostgresDatabase.Options = PostgresDatabase.Options(), migrated: Bool = true
    ) async throws -> PostgresTestBackend {
        guard let adminURL = PostgresTestServer.adminURL else {
            throw DomainError.invalid(field: "CHAT_TEST_POSTGRES_URL", reason: "not set")
        }
        let admin = try PostgresDatabase(url: adminURL)
        let adminPool = Task { try await admin.run() }
        let name = "chat_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        do {
            try await admin.execute(unsafeSQL: "CREATE DATABASE \(name)")
        } catch {
            adminPool.cancel()
            throw error
        }
        let database = try PostgresDatabase(url: PostgresTestServer.url(adminURL, database: name), options: options)
        let backend = PostgresTestBackend(
            database: database, admin: admin, name: name, pools: [Task { try await database.run() }, adminPool]
        )
        if migrated {
            do {
                _ = try await database.migrations(from: PostgresTestServer.migrationsDirectory).migrate()
            } catch {
                try? await backend.tearDown()
                throw error
            }
        }
        return backend
    }

    /// The URL of the database, for a second pool on it.
    var url: String { PostgresTestServer.url(PostgresTestServer.adminURL ?? "", database: name) }

    /// Stops the database's pool, drops the database, stops the admin pool.
    func tearDown() async throws {
        pools[0].cancel()
        _ = await pools[0].result
        do {
            try await admin.execute(unsafeSQL: "DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
        } catch {
            pools[1].cancel()
            _ = await pools[1].result
            throw error
        }
        pools[1].cancel()
        _ = await pools[1].result
    }
}

extension PostgresDatabase {
    /// Runs one statement, binding its interpolated values.
    func execute(_ query: PostgresQuery) async throws {
        _ = try await collect(query) { _ in () }
    }

    /// Runs one statement built by the tests themselves (for identifiers, which cannot be bound).
    func execute(unsafeSQL sql: String) async throws {
        try await execute(PostgresQuery(unsafeSQL: sql))
    }
}

/// Builders of domain values for the PostgreSQL tests.
struct PostgresFixtures: Sendable {
    let database: PostgresDatabase
    var users: PostgresUserRepository { PostgresUserRepository(database) }
    var chats: PostgresChatRepository { PostgresChatRepository(database) }
    var messages: PostgresMessageRepository { PostgresMessageRepository(database) }
    var sessions: PostgresSessionRepository { PostgresSessionRepository(database) }
    var files: PostgresFileRepository { PostgresFileRepository(database) }

    /// A fixed instant with whole milliseconds, so stored and returned values compare equal.
    static let epoch = Date(timeIntervalSince1970: 1_750_000_000)

    /// A stored user with a unique username starting with `prefix`.
    func user(_ prefix: String = "user", name: String? = nil) async throws -> User {
        let id = UserID(UUID())
        let suffix = String(id.description.prefix(8))
        let user = User(
            id: id, email: "\(prefix)\(suffix)@example.com", username: "\(prefix)\(suffix)", name: name ?? "Name \(suffix)",
            passwordHash: "hash", createdAt: Self.epoch
        )
        try await users.create(user)
        return user
    }

    /// A stored group chat whose first member is ADMIN and the others MEMBERs, joined one second apart.
    func group(_ members: [User], name: String = "group") async throws -> Chat {
        let chat = Chat(id: ChatID(UUID()), kind: .group, name: name, createdAt: Self.epoch, lastActivityAt: Self.epoch)
        let memberships = members.enumerated().map { index, user in
            Membership(
                chatID: chat.id, userID: user.id, role: index == 0 ? .admin : .member,
                joinedAt: Self.epoch.addingTimeInterval(Double(index))
            )
        }
        try await chats.create(chat, members: memberships)
        return chat
    }

    /// A new text message from `sender`, not yet stored.
    func text(_ content: String, in chat: Chat, from sender: User, clientID: String? = nil, at date: Date = PostgresFixtures.epoch)
        -> NewMessage
    {
        NewMessage(
            id: MessageID(UUID()), chatID: chat.id, senderID: sender.id, content: content, kind: .text, fileID: nil,
            replyToID: nil, clientMessageID: clientID, createdAt: date
        )
    }
}
