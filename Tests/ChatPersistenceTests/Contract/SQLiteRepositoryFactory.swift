import ChatDomain
import ChatPersistence
import Foundation
import Testing

/// SQLite repositories on a new database file in a temporary directory of its own, migrated from
/// `schema/sqlite`; the directory is deleted on tear-down.
struct SQLiteRepositoryFactory: RepositoryFactory {
    var testDescription: String { "SQLite" }

    func make() async throws -> Repositories {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("chat-persistence-tests")
            .appendingPathComponent(UUID().uuidString.lowercased())
        let database = try await SQLiteDatabase(
            path: directory.appendingPathComponent("chat.sqlite").path,
            migrateFrom: try SchemaLocation.resolve(.sqlite))
        return Repositories(
            users: SQLiteUserRepository(database), chats: SQLiteChatRepository(database),
            messages: SQLiteMessageRepository(database), search: SQLiteMessageSearchIndex(database),
            sessions: SQLiteSessionRepository(database),
            files: SQLiteFileRepository(database), reactions: SQLiteReactionRepository(database),
            tearDown: { try FileManager.default.removeItem(at: directory) })
    }
}
