import ChatDomain
import Foundation

/// Everything the in-memory repositories keep: users, sessions, chats and memberships, messages, reactions,
/// files, and the word index of message content. One actor holds it all, as one database would, so every
/// repository method runs as one atomic step that sees and changes every table at once: appending a message
/// bumps its chat and indexes its words, deleting a chat takes its messages and their reactions with it, and
/// deleting a file cannot race an attachment to it. References are checked as a database's foreign keys would:
/// a session, file, membership, message or reaction of a user who does not exist is `DomainError.notFound`, and so
/// is a message or chat avatar naming a file that does not exist.
///
/// Share one store between the repositories of one application (`MemoryRepositories` does); a new store is an
/// empty database. Nothing is persisted: everything is gone with the store.
public actor MemoryStore {
    // The tables, read and written by the `MemoryStore+…` extensions.
    var users: [UserID: User] = [:]
    var sessions: [SessionID: Session] = [:]
    /// Refresh token hashes rotated away, to the session they belonged to.
    var retiredHashes: [String: SessionID] = [:]
    var chats: [ChatID: Chat] = [:]
    /// Per chat, in the order members were added.
    var memberships: [ChatID: [Membership]] = [:]
    var messages = MessageLog()
    /// Per message, in the order they were added (the order of first use).
    var reactions: [MessageID: [Reaction]] = [:]
    var files: [FileID: StoredFile] = [:]
    /// Per file, how many messages (tombstones included) carry it.
    var attachments: [FileID: Int] = [:]
    var words = WordIndex()
    /// Each message's commit position, which orders search results newest first.
    var positions: [MessageID: Int64] = [:]
    var lastPosition: Int64 = 0

    /// One member's emoji on one message.
    struct Reaction: Equatable {
        var user: UserID
        var emoji: String
    }

    /// An empty store.
    public init() {}
}
