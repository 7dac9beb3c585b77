import Foundation

/// How many members reacted to a message with one emoji.
public struct ReactionCount: Sendable, Equatable {
    public var emoji: String
    public var count: Int

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

    public init(reactions: [ReactionCount], mine: [String], changed: Bool) {
        self.reactions = reactions
        self.mine = mine
        self.changed = changed
    }
}
