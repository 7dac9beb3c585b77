import ChatDomain
import Foundation

/// Chats and memberships, a facade over the shared `MemoryStore`.
struct MemoryChatRepository: ChatRepository {
    let store: MemoryStore

    func create(_ chat: Chat, members: [Membership]) async throws { try await store.create(chat, members: members) }
    func findOrCreateDirect(_ chat: Chat, members: [Membership]) async throws -> (chat: Chat, created: Bool) {
        try await store.findOrCreateDirect(chat, members: members)
    }
    func find(id: ChatID) async -> Chat? { await store.chat(id) }
    func update(_ chat: Chat) async { await store.update(chat) }
    func delete(id: ChatID) async { await store.deleteChat(id) }
    func membership(chat: ChatID, user: UserID) async -> Membership? { await store.membership(chat: chat, user: user) }
    func members(of chat: ChatID) async -> [Membership] { await store.members(of: chat) }
    func addMember(_ membership: Membership) async throws { try await store.addMember(membership) }
    func removeMember(chat: ChatID, user: UserID) async -> Bool { await store.removeMember(chat: chat, user: user) }
    func setRole(_ role: Role, chat: ChatID, user: UserID) async -> Bool {
        await store.setRole(role, chat: chat, user: user)
    }
    func promoteLongestStandingIfNoAdmin(chat: ChatID) async -> Membership? {
        await store.promoteLongestStandingIfNoAdmin(chat: chat)
    }
    func summaries(for user: UserID) async -> [ChatSummary] { await store.summaries(for: user) }
    func summary(of chat: ChatID, for user: UserID) async -> ChatSummary? { await store.summary(of: chat, for: user) }
    func contacts(of user: UserID) async -> [UserID] { await store.contacts(of: user) }
}

/// Messages and read pointers, a facade over the shared `MemoryStore`.
struct MemoryMessageRepository: MessageRepository {
    let store: MemoryStore

    func append(_ message: NewMessage) async throws -> (message: Message, created: Bool) {
        try await store.append(message)
    }
    func find(id: MessageID, in chat: ChatID) async -> Message? { await store.message(id, in: chat) }
    func page(of chat: ChatID, from cursor: HistoryCursor, limit: Int) async -> MessagePage {
        await store.page(of: chat, from: cursor, limit: limit)
    }
    func edit(id: MessageID, in chat: ChatID, content: String, at date: Date) async -> Message? {
        await store.edit(id: id, in: chat, content: content, at: date)
    }
    func delete(id: MessageID, in chat: ChatID, at date: Date) async -> Message? {
        await store.delete(id: id, in: chat, at: date)
    }
    func advanceReadPointer(chat: ChatID, user: UserID, to seq: Int64) async throws -> Int64 {
        try await store.advanceReadPointer(chat: chat, user: user, to: seq)
    }
    func unreadCount(chat: ChatID, user: UserID) async -> Int { await store.unreadCount(chat: chat, user: user) }
}

/// File metadata, a facade over the shared `MemoryStore` (and the users, for avatars).
struct MemoryFileRepository: FileRepository {
    let store: MemoryStore
    let users: MemoryUserRepository

    func create(_ file: StoredFile) async throws { try await store.create(file) }
    func find(id: FileID) async -> StoredFile? { await store.file(id) }
    func isShared(file: FileID, with user: UserID) async -> Bool { await store.isShared(file: file, with: user) }
    func isAvatar(file: FileID) async -> Bool {
        let chatAvatar = await store.isChatAvatar(file)
        if chatAvatar { return true }
        return await users.hasAvatar(file)
    }
    func unreferencedFiles(createdBefore cutoff: Date, after cursor: FileID?, window: Int) async
        -> (files: [StoredFile], next: FileID?)
    {
        let looked = await store.storedFiles(after: cursor, limit: window)
        var found: [StoredFile] = []
        for file in looked where file.createdAt < cutoff {
            let referenced = await store.isReferenced(file.id)
            if !referenced, await !users.hasAvatar(file.id) { found.append(file) }
        }
        return (found, looked.count == window ? looked.last?.id : nil)
    }
    func deleteIfUnreferenced(id: FileID, createdBefore cutoff: Date) async -> Bool {
        // Two actors: not atomic, which the single-task domain tests do not need.
        let userAvatar = await users.hasAvatar(id)
        return await store.removeFile(id, createdBefore: cutoff, unless: userAvatar)
    }
}
