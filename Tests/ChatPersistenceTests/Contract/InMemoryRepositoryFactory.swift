import ChatDomain
import ChatInMemory
import Testing

/// The in-memory repositories of `ChatInMemory`, each test on a new `MemoryStore` of its own.
struct InMemoryRepositoryFactory: RepositoryFactory {
    var testDescription: String { "memory" }

    func make() async throws -> Repositories {
        let memory = MemoryRepositories()
        return Repositories(
            users: memory.users, chats: memory.chats, messages: memory.messages, search: memory.search,
            sessions: memory.sessions, files: memory.files, reactions: memory.reactions, tearDown: {})
    }
}
