import Foundation

/// Where reactions live: at most one per (message, user, emoji). Every change rewrites the message's summary
/// (`Message.reactions`) in the same transaction, so whatever reads a message reads its reactions with it.
public protocol ReactionRepository: Sendable {
    /// Adds `user`'s `emoji` to the message unless it is there already (then changes nothing), and updates the
    /// message's summary in the same transaction; concurrent calls on one message never lose or double a count.
    /// Throws `DomainError.notFound` when the message is not in `chat`, `.conflict` when it is deleted.
    func add(_ emoji: String, to message: MessageID, in chat: ChatID, by user: UserID, at date: Date) async throws
        -> ReactionChange
    /// Removes `user`'s `emoji` from the message when it is there (else changes nothing), updating the summary as
    /// `add` does. Throws `DomainError.notFound` when the message is not in `chat`, `.conflict` when it is deleted.
    func remove(_ emoji: String, from message: MessageID, in chat: ChatID, by user: UserID) async throws
        -> ReactionChange
    /// The emoji `user` put on each of `messages`, in the order added; messages without any are absent. One query,
    /// whatever the number of messages.
    func mine(by user: UserID, on messages: [MessageID]) async throws -> [MessageID: [String]]
}
