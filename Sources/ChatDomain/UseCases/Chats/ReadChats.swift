import Foundation

/// The caller's chats, newest activity first, with last message and unread count.
public struct ListChats: Sendable {
    let chats: any ChatRepository
    let builder: ChatOverviewBuilder

    /// Reads summaries from `chats` and direct-chat peers from `users`.
    public init(chats: any ChatRepository, users: any UserRepository) {
        self.chats = chats
        builder = ChatOverviewBuilder(users: users)
    }

    /// Every chat the user is a member of.
    public func callAsFunction(_ user: UserID) async throws -> [ChatOverview] {
        try await builder.overviews(chats.summaries(for: user))
    }
}

/// One chat with its participants, for members only.
public struct GetChat: Sendable {
    let chats: any ChatRepository
    let users: any UserRepository
    let builder: ChatOverviewBuilder

    /// Reads chats and memberships from `chats` and profiles from `users`.
    public init(chats: any ChatRepository, users: any UserRepository) {
        self.chats = chats
        self.users = users
        builder = ChatOverviewBuilder(users: users)
    }

    /// The chat as `user` sees it. Throws `.notFound` for no chat, `.forbidden` for a non-member.
    public func callAsFunction(_ chatID: ChatID, for user: UserID) async throws -> ChatOverview {
        guard let summary = try await chats.summary(of: chatID, for: user) else {
            guard try await chats.find(id: chatID) != nil else { throw DomainError.notFound("chat not found") }
            throw DomainError.forbidden("not a member of this chat")
        }
        return try await builder.overviews([summary])[0]
    }

    /// The chat's participants, oldest member first. Same refusals as reading the chat.
    public func participants(of chatID: ChatID, for user: UserID) async throws -> [Participant] {
        _ = try await ChatAccess(chats: chats).member(user, of: chatID)
        let memberships = try await chats.members(of: chatID)
        let profiles = try await users.find(ids: memberships.map(\.userID))
        let byID = Dictionary(profiles.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        return memberships.compactMap { membership in
            byID[membership.userID].map {
                Participant(user: PublicProfile($0), role: membership.role, joinedAt: membership.joinedAt)
            }
        }
    }
}
