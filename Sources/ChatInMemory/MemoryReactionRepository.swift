import ChatDomain
import Foundation

/// `ReactionRepository` in a `MemoryStore`. Each change rewrites the message's summary in the same atomic step, so
/// concurrent reactions never lose or double a count, and whatever reads the message reads its reactions.
public struct MemoryReactionRepository: ReactionRepository {
    /// The store holding the reactions.
    public let store: MemoryStore

    /// The reactions of `store`.
    public init(store: MemoryStore) { self.store = store }

    /// Adds `user`'s `emoji` unless it is there (then `changed` is false); returns the summary ordered by first use
    /// and the caller's emoji in the order added. Throws `DomainError.notFound` when the message is not in `chat` or
    /// the user does not exist, `.conflict` when the message is deleted.
    public func add(_ emoji: String, to message: MessageID, in chat: ChatID, by user: UserID, at date: Date)
        async throws -> ReactionChange
    {
        try await store.addReaction(emoji, to: message, in: chat, by: user)
    }

    /// Removes `user`'s `emoji` when it is there (else `changed` is false); returns as `add` does. Throws
    /// `DomainError.notFound` when the message is not in `chat`, `.conflict` when it is deleted.
    public func remove(_ emoji: String, from message: MessageID, in chat: ChatID, by user: UserID) async throws
        -> ReactionChange
    {
        try await store.removeReaction(emoji, from: message, in: chat, by: user)
    }

    /// The emoji `user` put on each of `messages`, in the order added; messages without any are absent.
    public func mine(by user: UserID, on messages: [MessageID]) async throws -> [MessageID: [String]] {
        await store.reactions(by: user, on: messages)
    }
}
