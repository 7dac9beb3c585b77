import ChatDomain
import Foundation

extension MemoryStore {
    func search(_ terms: SearchTerms, for user: UserID, in chat: ChatID?, after cursor: String?, limit: Int) throws
        -> MessageSearchPage
    {
        guard limit >= 1 else { throw DomainError.invalid(field: "limit", reason: "must be at least 1") }
        let below = try cursor.map(Self.position(fromCursor:)) ?? Int64.max
        guard !terms.words.isEmpty else { return .empty }
        var found: [(message: Message, position: Int64)] = []
        for position in words.positions(matching: terms.words) where position < below {
            guard let entry = words.entry(at: position), chat.map({ $0 == entry.chat }) ?? true,
                membership(chat: entry.chat, user: user) != nil,
                let message = messages.message(entry.message, in: entry.chat), !message.isDeleted
            else { continue }
            found.append((message, position))
            if found.count > limit { break }
        }
        let page = found.prefix(limit)
        let next = found.count > limit ? page.last.map { String($0.position) } : nil
        return MessageSearchPage(items: page.map(\.message), nextCursor: next)
    }

    /// The commit position a cursor of this index names; throws `DomainError.invalid` for any other text.
    private static func position(fromCursor cursor: String) throws -> Int64 {
        guard let position = Int64(cursor), position > 0 else {
            throw DomainError.invalid(field: "cursor", reason: "not a cursor of this search")
        }
        return position
    }
}
