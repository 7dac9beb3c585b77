import Foundation

/// One row of a user's chat list, as the repository computes it in one query.
public struct ChatSummary: Sendable, Equatable {
    /// The chat itself.
    public var chat: Chat
    /// How many members the chat has, the user included.
    public var participantCount: Int
    /// The newest message by `seq`, a tombstone included; nil when the chat has none.
    public var lastMessage: Message?
    /// Others' undeleted messages after the user's read pointer.
    public var unreadCount: Int
    /// The user's own role in the chat.
    public var myRole: Role
    /// For direct chats, the other member's id (to name the chat after them).
    public var peerID: UserID?

    /// A summary from its parts, as a repository computes it.
    public init(
        chat: Chat, participantCount: Int, lastMessage: Message?, unreadCount: Int, myRole: Role, peerID: UserID?
    ) {
        self.chat = chat
        self.participantCount = participantCount
        self.lastMessage = lastMessage
        self.unreadCount = unreadCount
        self.myRole = myRole
        self.peerID = peerID
    }
}
