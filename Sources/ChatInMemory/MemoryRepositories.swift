import ChatDomain
import Foundation

/// Every in-memory repository, over one new `MemoryStore`: what an application or a test wires in place of a
/// database. Repositories of one bundle see each other's writes; two bundles share nothing.
public struct MemoryRepositories: Sendable {
    /// The store every repository of the bundle reads and writes.
    public let store: MemoryStore
    /// Accounts.
    public let users: MemoryUserRepository
    /// Device sessions.
    public let sessions: MemorySessionRepository
    /// Chats and memberships.
    public let chats: MemoryChatRepository
    /// Messages and read pointers.
    public let messages: MemoryMessageRepository
    /// The full-text index of message content.
    public let search: MemoryMessageSearchIndex
    /// File metadata.
    public let files: MemoryFileRepository
    /// Reactions.
    public let reactions: MemoryReactionRepository

    /// The repositories of `store` (a new, empty store when not given).
    public init(store: MemoryStore = MemoryStore()) {
        self.store = store
        users = MemoryUserRepository(store: store)
        sessions = MemorySessionRepository(store: store)
        chats = MemoryChatRepository(store: store)
        messages = MemoryMessageRepository(store: store)
        search = MemoryMessageSearchIndex(store: store)
        files = MemoryFileRepository(store: store)
        reactions = MemoryReactionRepository(store: store)
    }
}
