import Foundation

/// The full-text index of message content. Adapters keep it in step with sends, edits and deletes in the same
/// commit, and answer from the index, never by scanning messages.
public protocol MessageSearchIndex: Sendable {
    /// Up to `limit` messages, newest first, that hold every word of `terms` as a whole word or as the start of a
    /// word, case-insensitively. Only undeleted messages of chats `user` is a member of at the time of the call;
    /// only those of `chat` when it is given. `cursor` is the `nextCursor` of the previous page of the same search
    /// (nil for the first page); the result's `nextCursor` is nil when no more messages match.
    /// Empty terms match nothing. Throws `DomainError.invalid` naming `cursor` for a cursor this index did not
    /// make, and naming `limit` when `limit` is below 1.
    func search(_ terms: SearchTerms, for user: UserID, in chat: ChatID?, after cursor: String?, limit: Int)
        async throws -> MessageSearchPage
}
