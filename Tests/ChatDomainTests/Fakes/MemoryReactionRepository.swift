import ChatDomain
import Foundation

/// Reactions in memory, over the messages of a `MessageRepository` (which it asks whether a message exists and is
/// deleted). Keeps its rows in the order they were added, so summaries are ordered by first use as the adapters order
/// them.
actor MemoryReactionRepository: ReactionRepository {
    private struct Row: Equatable {
        var message: MessageID
        var user: UserID
        var emoji: String
    }

    private let messages: any MessageRepository
    private var rows: [Row] = []

    init(messages: any MessageRepository) { self.messages = messages }

    func add(_ emoji: String, to message: MessageID, in chat: ChatID, by user: UserID, at date: Date) async throws
        -> ReactionChange
    {
        try await requireLive(message, in: chat)
        let row = Row(message: message, user: user, emoji: emoji)
        let changed = !rows.contains(row)
        if changed { rows.append(row) }
        return change(of: message, by: user, changed: changed)
    }

    func remove(_ emoji: String, from message: MessageID, in chat: ChatID, by user: UserID) async throws
        -> ReactionChange
    {
        try await requireLive(message, in: chat)
        let before = rows.count
        rows.removeAll { $0 == Row(message: message, user: user, emoji: emoji) }
        return change(of: message, by: user, changed: rows.count != before)
    }

    func mine(by user: UserID, on messages: [MessageID]) -> [MessageID: [String]] {
        Dictionary(grouping: rows.filter { $0.user == user && messages.contains($0.message) }, by: \.message)
            .mapValues { $0.map(\.emoji) }
    }

    private func requireLive(_ message: MessageID, in chat: ChatID) async throws {
        guard let stored = try await messages.find(id: message, in: chat) else {
            throw DomainError.notFound("message not found")
        }
        guard !stored.isDeleted else { throw DomainError.conflict("message was deleted") }
    }

    private func change(of message: MessageID, by user: UserID, changed: Bool) -> ReactionChange {
        let ofMessage = rows.filter { $0.message == message }
        var order: [String] = []
        for row in ofMessage where !order.contains(row.emoji) { order.append(row.emoji) }
        return ReactionChange(
            reactions: order.map { emoji in ReactionCount(emoji: emoji, count: ofMessage.filter { $0.emoji == emoji }.count) },
            mine: ofMessage.filter { $0.user == user }.map(\.emoji), changed: changed)
    }
}
