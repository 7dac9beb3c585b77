import ChatDomain
import Foundation

/// `MessageSearchIndex` in a `MemoryStore`: an inverted index of the words of undeleted messages, which the store
/// updates in the same step as each append, edit, delete and chat deletion. Words are runs of letters and digits
/// folded for case and diacritics; a term matches a word it equals or starts. Results come newest first in the
/// order messages were appended; the cursor is the append position of a page's last message.
public struct MemoryMessageSearchIndex: MessageSearchIndex {
    /// The store holding the index.
    public let store: MemoryStore

    /// The index of the messages of `store`.
    public init(store: MemoryStore) { self.store = store }

    /// Up to `limit` undeleted messages, newest first, holding every word of `terms` as a word or the start of one,
    /// from the chats `user` is a member of now (only `chat` when given), after `cursor`; `nextCursor` is nil on the
    /// last page. Empty terms match nothing. Throws `DomainError.invalid` for a `limit` below 1 and for a cursor
    /// this index did not make.
    public func search(_ terms: SearchTerms, for user: UserID, in chat: ChatID?, after cursor: String?, limit: Int)
        async throws -> MessageSearchPage
    {
        try await store.search(terms, for: user, in: chat, after: cursor, limit: limit)
    }
}
