import Foundation

/// A member's role in a chat, from most to least powerful.
public enum Role: String, Sendable, Codable, CaseIterable {
    /// `ADMIN`: all a MODERATOR may do, plus setting roles and deleting the group. A group with members
    /// always keeps at least one.
    case admin = "ADMIN"
    /// `MODERATOR`: renames the group and adds or removes members, but cannot remove an ADMIN or set roles.
    case moderator = "MODERATOR"
    /// `MEMBER`: reads and sends messages, and may leave. Both members of a direct chat are MEMBERs.
    case member = "MEMBER"

    /// ADMIN and MODERATOR may rename the chat and manage members.
    public var canManageMembers: Bool { self != .member }
}

/// A user's place in a chat: role, when they joined, and how far they have read.
public struct Membership: Sendable, Equatable {
    /// The chat.
    public var chatID: ChatID
    /// The member.
    public var userID: UserID
    /// The member's role; always `.member` in a direct chat.
    public var role: Role
    /// When the user joined; the earliest joiner becomes ADMIN when the last ADMIN leaves.
    public var joinedAt: Date
    /// The highest sequence number the member has read; 0 when nothing.
    public var lastReadSeq: Int64

    /// A membership from its fields; a new member starts with `lastReadSeq` 0.
    public init(chatID: ChatID, userID: UserID, role: Role, joinedAt: Date, lastReadSeq: Int64 = 0) {
        self.chatID = chatID
        self.userID = userID
        self.role = role
        self.joinedAt = joinedAt
        self.lastReadSeq = lastReadSeq
    }
}
