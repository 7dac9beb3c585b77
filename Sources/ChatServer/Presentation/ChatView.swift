import ChatDomain
import Foundation
import Hummingbird

/// A chat as one member sees it: the row of `GET /chats`, and the body of chat responses.
public struct ChatView: ResponseEncodable, Sendable {
    /// The chat's id.
    public var id: ChatID
    /// `DIRECT` or `GROUP`.
    public var type: Chat.Kind
    /// The group's name, or the other member's name for a direct chat; `null` when there is none.
    public var name: String?
    /// `/files/<id>` of the group's avatar, or the other member's for a direct chat; `null` when there is none.
    public var avatarUrl: String?
    /// How many members the chat has.
    public var participantCount: Int
    /// The newest message; `null` before the first one.
    public var lastMessage: MessageView?
    /// Others' undeleted messages after the viewer's read pointer.
    public var unreadCount: Int
    /// The viewer's role in the chat.
    public var myRole: Role
    /// When the last message was sent, or the chat was created.
    public var lastActivityAt: Date
    /// When the chat was created.
    public var createdAt: Date
    /// Present on single-chat responses; absent in the list.
    public var participants: [ParticipantView]?

    /// The view of `overview`, with `participants` for single-chat responses (nil leaves them out).
    public init(_ overview: ChatOverview, participants: [Participant]? = nil) {
        let summary = overview.summary
        id = summary.chat.id
        type = summary.chat.kind
        name = overview.title
        avatarUrl = overview.avatarFileID.map { "/files/\($0)" }
        participantCount = summary.participantCount
        lastMessage = summary.lastMessage.map(MessageView.init)
        unreadCount = summary.unreadCount
        myRole = summary.myRole
        lastActivityAt = summary.chat.lastActivityAt
        createdAt = summary.chat.createdAt
        self.participants = participants?.map(ParticipantView.init)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(type, forKey: .type)
        try container.encode(name, forKey: .name)
        try container.encode(avatarUrl, forKey: .avatarUrl)
        try container.encode(participantCount, forKey: .participantCount)
        try container.encode(lastMessage, forKey: .lastMessage)
        try container.encode(unreadCount, forKey: .unreadCount)
        try container.encode(myRole, forKey: .myRole)
        try container.encode(lastActivityAt, forKey: .lastActivityAt)
        try container.encode(createdAt, forKey: .createdAt)
        try container.encodeIfPresent(participants, forKey: .participants)
    }

    enum CodingKeys: String, CodingKey {
        case id, type, name, avatarUrl, participantCount, lastMessage, unreadCount, myRole, lastActivityAt, createdAt
        case participants
    }
}

/// A chat member: public profile and role.
public struct ParticipantView: ResponseEncodable, Sendable {
    /// The member's public profile.
    public var user: PublicProfile
    /// The member's role in the chat.
    public var role: Role
    /// When the member joined the chat.
    public var joinedAt: Date

    /// The view of `participant`.
    public init(_ participant: Participant) {
        user = participant.user
        role = participant.role
        joinedAt = participant.joinedAt
    }
}
