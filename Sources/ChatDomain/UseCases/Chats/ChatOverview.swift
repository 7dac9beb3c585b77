import Foundation

/// A chat as one member sees it: the list row of `GET /chats`, titled for them.
public struct ChatOverview: Sendable, Equatable {
    /// The repository's row: the chat, its last message, the unread count and the member's role.
    public var summary: ChatSummary
    /// The group's name, or the other member's name for a direct chat.
    public var title: String?
    /// The group's avatar, or the other member's for a direct chat.
    public var avatarFileID: FileID?

    /// An overview from its parts.
    public init(summary: ChatSummary, title: String?, avatarFileID: FileID?) {
        self.summary = summary
        self.title = title
        self.avatarFileID = avatarFileID
    }
}

/// A member of a chat as members see them.
public struct Participant: Sendable, Equatable {
    /// The member's public profile.
    public var user: PublicProfile
    /// The member's role in the chat.
    public var role: Role
    /// When the member joined the chat.
    public var joinedAt: Date

    /// A participant from their parts.
    public init(user: PublicProfile, role: Role, joinedAt: Date) {
        self.user = user
        self.role = role
        self.joinedAt = joinedAt
    }
}

/// Turns repository summaries into overviews, looking the direct-chat peers up in one batch.
struct ChatOverviewBuilder: Sendable {
    let users: any UserRepository

    func overviews(_ summaries: [ChatSummary]) async throws -> [ChatOverview] {
        let peers = try await users.find(ids: summaries.compactMap(\.peerID))
        let byID = Dictionary(peers.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        return summaries.map { summary in
            if summary.chat.kind == .direct, let peer = summary.peerID.flatMap({ byID[$0] }) {
                return ChatOverview(summary: summary, title: peer.name, avatarFileID: peer.avatarFileID)
            }
            return ChatOverview(summary: summary, title: summary.chat.name, avatarFileID: summary.chat.avatarFileID)
        }
    }
}
