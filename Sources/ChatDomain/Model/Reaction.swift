import Foundation

/// How many members reacted to a message with one emoji.
public struct ReactionCount: Sendable, Equatable {
    /// The emoji (or short code such as `+1`), as `Validation.emoji` accepts it.
    public var emoji: String
    /// How many members reacted with it; at least 1.
    public var count: Int

    /// A count of `count` reactions with `emoji`.
    public init(emoji: String, count: Int) {
        self.emoji = emoji
        self.count = count
    }
}

/// A message's reactions after a reaction was added or removed, as the reacting member sees them.
public struct ReactionChange: Sendable, Equatable {
    /// The message's summary after the call: one entry per emoji, ordered by first use (the earliest of that
    /// emoji's current reactions).
    public var reactions: [ReactionCount]
    /// The caller's own emoji on the message after the call, in the order they were added.
    public var mine: [String]
    /// False when the call changed nothing: the reaction was already there, or already absent.
    public var changed: Bool

    /// A change from its parts, as a repository reports it.
    public init(reactions: [ReactionCount], mine: [String], changed: Bool) {
        self.reactions = reactions
        self.mine = mine
        self.changed = changed
    }
}
