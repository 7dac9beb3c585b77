import ChatDomain

/// The stored form of a message's reaction summary (`messages.reactions`, schema `reactions` migration): `emoji count`
/// pairs separated by single spaces, in order of first use (`+1 2 heart 1`); NULL when there are none. An emoji never
/// contains whitespace (`Validation.emoji`), so a space separates unambiguously. Read on every message row, so it is
/// parsed by hand, and a NULL (most messages) costs nothing.
enum ReactionSummaryText {
    /// The text of `reactions`; nil when there are none.
    static func encode(_ reactions: [ReactionCount]) -> String? {
        guard !reactions.isEmpty else { return nil }
        return reactions.map { "\($0.emoji) \($0.count)" }.joined(separator: " ")
    }

    /// The reactions `text` holds; empty for nil. A pair whose count is not a positive number is skipped.
    static func decode(_ text: String?) -> [ReactionCount] {
        guard let text, !text.isEmpty else { return [] }
        let parts = text.split(separator: " ")
        var reactions: [ReactionCount] = []
        reactions.reserveCapacity(parts.count / 2)
        var index = 0
        while index + 1 < parts.count {
            if let count = Int(parts[index + 1]), count > 0 {
                reactions.append(ReactionCount(emoji: String(parts[index]), count: count))
            }
            index += 2
        }
        return reactions
    }
}
