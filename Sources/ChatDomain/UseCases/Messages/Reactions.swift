import Foundation

/// Adds the caller's reaction to a message. Members only; idempotent. A chat's reaction changes are announced in the
/// order they were committed (copies share their `ChatLocks`, and `Unreact` shares the same), so the `reactions` of
/// the last `message:reaction` a client heard is the message's summary.
public struct React: Sendable {
    let access: ChatAccess
    let reactions: any ReactionRepository
    let events: any EventBus
    let clock: any Clock
    let locks: ChatLocks

    /// Checks membership in `chats`, stores in `reactions`, announces on `events`. Give `Unreact` the same `locks`,
    /// or a chat's reaction changes may be announced out of commit order.
    public init(
        chats: any ChatRepository, reactions: any ReactionRepository, events: any EventBus, clock: any Clock,
        locks: ChatLocks = ChatLocks()
    ) {
        access = ChatAccess(chats: chats)
        self.reactions = reactions
        self.events = events
        self.clock = clock
        self.locks = locks
    }

    /// The message's reactions after the call; announces `reactionChanged` when the reaction was new. Throws
    /// `.invalid` for a bad emoji (`Validation.emoji`), the membership refusals, `.notFound` when the message is not
    /// in the chat and `.conflict` when it was deleted.
    public func callAsFunction(_ emoji: String, to messageID: MessageID, in chatID: ChatID, by user: UserID)
        async throws -> ReactionChange
    {
        let emoji = try Validation.emoji(emoji)
        _ = try await access.membership(user, of: chatID)
        return try await locks.withLock(chatID) {
            let change = try await reactions.add(emoji, to: messageID, in: chatID, by: user, at: clock.now())
            if change.changed {
                await events.publish(
                    .reactionChanged(
                        chat: chatID, message: messageID, user: user, emoji: emoji, added: true,
                        reactions: change.reactions))
            }
            return change
        }
    }
}

/// Removes the caller's reaction from a message, with the rules of `React`; removing an absent one is harmless.
public struct Unreact: Sendable {
    let access: ChatAccess
    let reactions: any ReactionRepository
    let events: any EventBus
    let locks: ChatLocks

    /// Wired as `React` is, without a clock; give it the `locks` of `React`.
    public init(
        chats: any ChatRepository, reactions: any ReactionRepository, events: any EventBus,
        locks: ChatLocks = ChatLocks()
    ) {
        access = ChatAccess(chats: chats)
        self.reactions = reactions
        self.events = events
        self.locks = locks
    }

    /// The message's reactions after the call; announces `reactionChanged` when a reaction was removed. Throws as
    /// `React` does.
    public func callAsFunction(_ emoji: String, from messageID: MessageID, in chatID: ChatID, by user: UserID)
        async throws -> ReactionChange
    {
        let emoji = try Validation.emoji(emoji)
        _ = try await access.membership(user, of: chatID)
        return try await locks.withLock(chatID) {
            let change = try await reactions.remove(emoji, from: messageID, in: chatID, by: user)
            if change.changed {
                await events.publish(
                    .reactionChanged(
                        chat: chatID, message: messageID, user: user, emoji: emoji, added: false,
                        reactions: change.reactions))
            }
            return change
        }
    }
}

/// The caller's own reactions on messages they were shown (`myReactions` of REST answers).
public struct MyReactions: Sendable {
    let reactions: any ReactionRepository

    /// Reads from `reactions`.
    public init(reactions: any ReactionRepository) { self.reactions = reactions }

    /// The emoji `user` put on each of `messages`, in the order added; messages without any are absent. Asks the
    /// repository, in one query, about the messages that carry reactions at all, and not at all when none does.
    public func callAsFunction(_ user: UserID, on messages: [Message]) async throws -> [MessageID: [String]] {
        let reacted = messages.filter { !$0.reactions.isEmpty }.map(\.id)
        guard !reacted.isEmpty else { return [:] }
        return try await reactions.mine(by: user, on: reacted)
    }
}
