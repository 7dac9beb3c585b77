import ChatDomain
import Foundation

extension MemoryStore {
    func addReaction(_ emoji: String, to message: MessageID, in chat: ChatID, by user: UserID) throws
        -> ReactionChange
    {
        try requireLive(message, in: chat)
        guard users[user] != nil else { throw DomainError.notFound("user not found") }
        let reaction = Reaction(user: user, emoji: emoji)
        let changed = !(reactions[message] ?? []).contains(reaction)
        if changed { reactions[message, default: []].append(reaction) }
        return change(of: message, in: chat, by: user, changed: changed)
    }

    func removeReaction(_ emoji: String, from message: MessageID, in chat: ChatID, by user: UserID) throws
        -> ReactionChange
    {
        try requireLive(message, in: chat)
        let reaction = Reaction(user: user, emoji: emoji)
        let changed = (reactions[message] ?? []).contains(reaction)
        if changed { reactions[message]?.removeAll { $0 == reaction } }
        return change(of: message, in: chat, by: user, changed: changed)
    }

    func reactions(by user: UserID, on ids: [MessageID]) -> [MessageID: [String]] {
        var mine: [MessageID: [String]] = [:]
        for id in Set(ids) {
            let emoji = (reactions[id] ?? []).filter { $0.user == user }.map(\.emoji)
            if !emoji.isEmpty { mine[id] = emoji }
        }
        return mine
    }

    /// Throws `.notFound` when the message is not in the chat, `.conflict` when it is a tombstone.
    private func requireLive(_ message: MessageID, in chat: ChatID) throws {
        guard let stored = messages.message(message, in: chat) else { throw DomainError.notFound("message not found") }
        guard !stored.isDeleted else { throw DomainError.conflict("message was deleted") }
    }

    /// The change as the reacting member sees it; when `changed`, first rewrites the message's summary.
    private func change(of message: MessageID, in chat: ChatID, by user: UserID, changed: Bool) -> ReactionChange {
        let rows = reactions[message] ?? []
        var order: [String] = []
        var counts: [String: Int] = [:]
        for row in rows {
            if counts[row.emoji] == nil { order.append(row.emoji) }
            counts[row.emoji, default: 0] += 1
        }
        let summary = order.map { ReactionCount(emoji: $0, count: counts[$0] ?? 0) }
        if changed {
            _ = messages.update(message, in: chat) { stored in
                stored.reactions = summary
                return true
            }
        }
        return ReactionChange(
            reactions: summary, mine: rows.filter { $0.user == user }.map(\.emoji), changed: changed)
    }
}
