import ChatDomain
import Foundation
import Hummingbird

/// A chat as one member sees it: the row of `GET /chats`, and the body of chat responses.
public struct ChatView: ResponseEncodable, Sendable {
    public var id: ChatID
    public var type: Chat.Kind
    public var name: String?
    public var avatarUrl: String?
    public var participantCount: Int
    public var lastMessage: MessageView?
    public var unreadCount: Int
    public var myRole: Role
    public var lastActivityAt: Date
    public var createdAt: Date
    /// Present on single-chat responses; absent in the list.
    public var participants: [ParticipantView]?

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
    public var user: PublicProfile
    public var role: Role
    public var joinedAt: Date

    public init(_ participant: Participant) {
        user = participant.user
        role = participant.role
        joinedAt = participant.joinedAt
    }
}
