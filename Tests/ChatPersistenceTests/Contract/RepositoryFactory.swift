import ChatDomain
import Testing

/// Every adapter the repository contract runs against; each contract test runs once per factory. PostgreSQL
/// joins when `CHAT_TEST_POSTGRES_URL` names a server (`scripts/test` starts one).
let repositoryFactories: [any RepositoryFactory] =
    [InMemoryRepositoryFactory(), SQLiteRepositoryFactory()]
    + (PostgresTestServer.isConfigured ? [PostgresRepositoryFactory()] : [])

/// Makes fresh, isolated repositories for one test: an empty database (or schema) with every migration applied,
/// which no other test sees. Tests run in parallel, so each `make()` must give a backend of its own.
protocol RepositoryFactory: Sendable, CustomTestStringConvertible {
    /// New repositories on a new, empty, migrated backend.
    func make() async throws -> Repositories
}

/// One backend's repositories, and how to dispose of the backend after the test.
struct Repositories: Sendable {
    var users: any UserRepository
    var chats: any ChatRepository
    var messages: any MessageRepository
    var search: any MessageSearchIndex
    var sessions: any SessionRepository
    var files: any FileRepository
    var reactions: any ReactionRepository
    /// Releases the backend (closes connections, drops the database or schema, deletes files).
    var tearDown: @Sendable () async throws -> Void
}

/// Runs `body` on fresh repositories from `factory`, tearing them down afterwards whatever happens.
func withRepositories(
    _ factory: any RepositoryFactory, _ body: (Repositories) async throws -> Void
) async throws {
    let repositories = try await factory.make()
    do {
        try await body(repositories)
    } catch {
        try? await repositories.tearDown()
        throw error
    }
    try await repositories.tearDown()
}
