import ChatDomain
import Foundation
import Testing

@testable import ChatPersistence

/// PostgreSQL repositories for the contract suite, each on a new database of the server at
/// `CHAT_TEST_POSTGRES_URL`, migrated from `schema/postgres`, dropped on tear-down.
struct PostgresRepositoryFactory: RepositoryFactory {
    var testDescription: String { "PostgreSQL" }

    func make() async throws -> Repositories {
        let backend = try await PostgresTestBackend.make()
        return Repositories(
            users: PostgresUserRepository(backend.database),
            chats: PostgresChatRepository(backend.database),
            messages: PostgresMessageRepository(backend.database),
            search: PostgresMessageSearchIndex(backend.database),
            sessions: PostgresSessionRepository(backend.database),
            files: PostgresFileRepository(backend.database),
            reactions: PostgresReactionRepository(backend.database),
            tearDown: { try await backend.tearDown() }
        )
    }
}
