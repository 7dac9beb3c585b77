import Foundation

/// One row of a user's chat list, as the repository computes it in one query.
public struct ChatSummary: Sendable, Equatable {
    public var chat: Chat
    public var participantCount: Int
    public var lastMessage: Message?
    /// Others' undeleted messages after the user's read pointer.
    public var unreadCount: Int
    public var myRole: Role
    /// For direct chats, the other member's id (to name the chat after them).
    public var peerID: UserID?

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
