import Foundation

/// Full-text search over the messages of the caller's chats.
public struct SearchMessages: Sendable {
    let access: ChatAccess
    let index: any MessageSearchIndex
    /// Page size when none is asked for, and the most one page may hold.
    public static let defaultLimit = 20, maxLimit = 50

    /// Checks membership in `chats` and searches `index`.
    public init(chats: any ChatRepository, index: any MessageSearchIndex) {
        access = ChatAccess(chats: chats)
        self.index = index
    }

    /// A page of the messages matching `query` (see `SearchTerms` and `MessageSearchIndex.search`), newest first,
    /// from every chat the caller is a member of now, or from `chat` alone. Throws `.invalid` for a bad query,
    /// limit or cursor, and, with `chat`, `.notFound` when the chat does not exist and `.forbidden` when the caller
    /// is not a member.
    public func callAsFunction(
        query: String, for user: UserID, in chat: ChatID? = nil, limit: Int? = nil, cursor: String? = nil
    ) async throws -> MessageSearchPage {
        let terms = try SearchTerms(query)
        let limit = try Validation.limit(limit, default: Self.defaultLimit, maximum: Self.maxLimit)
        if let chat { _ = try await access.membership(user, of: chat) }
        guard !terms.words.isEmpty else { return .empty }
        return try await index.search(terms, for: user, in: chat, after: cursor, limit: limit)
    }
}
