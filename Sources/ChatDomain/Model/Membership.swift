import Foundation

/// A member's role in a chat, from most to least powerful.
public enum Role: String, Sendable, Codable, CaseIterable {
    case admin = "ADMIN"
    case moderator = "MODERATOR"
    case member = "MEMBER"

    /// ADMIN and MODERATOR may rename the chat and manage members.
    public var canManageMembers: Bool { self != .member }
}

/// A user's place in a chat: role, when they joined, and how far they have read.
public struct Membership: Sendable, Equatable {
    public var chatID: ChatID
    public var userID: UserID
    public var role: Role
    public var joinedAt: Date
    /// The highest sequence number the member has read; 0 when nothing.
    public var lastReadSeq: Int64

    public init(chatID: ChatID, userID: UserID, role: Role, joinedAt: Date, lastReadSeq: Int64 = 0) {
        self.chatID = chatID
        self.userID = userID
        self.role = role
        self.joinedAt = joinedAt
        self.lastReadSeq = lastReadSeq
    }
}
