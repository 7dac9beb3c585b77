import Foundation

/// Creates a group chat; the creator is its ADMIN, the others MEMBERs.
public struct CreateGroupChat: Sendable {
    let chats: any ChatRepository
    let users: any UserRepository
    let events: any EventBus
    let clock: any Clock
    let ids: any IDGenerator
    /// Most members a group may start with.
    public static let maxInitialParticipants = 500

    /// Checks participants in `users`, stores the chat in `chats` and announces it on `events`.
    public init(
        chats: any ChatRepository, users: any UserRepository, events: any EventBus, clock: any Clock,
        ids: any IDGenerator
    ) {
        self.chats = chats
        self.users = users
        self.events = events
        self.clock = clock
        self.ids = ids
    }

    /// The new chat as the creator sees it. Throws `.invalid` for a bad name or an unknown participant.
    public func callAsFunction(creator: UserID, name: String, participants: [UserID]) async throws -> ChatOverview {
        let name = try Validation.name(name)
        let others = Array(Set(participants).subtracting([creator]))
        guard others.count <= Self.maxInitialParticipants else {
            throw DomainError.invalid(field: "participantIds", reason: "at most \(Self.maxInitialParticipants)")
        }
        guard try await users.find(ids: others).count == others.count else {
            throw DomainError.invalid(field: "participantIds", reason: "unknown user")
        }
        let now = clock.now()
        let chat = Chat(id: ChatID(ids.next()), kind: .group, name: name, createdAt: now, lastActivityAt: now)
        let members =
            [Membership(chatID: chat.id, userID: creator, role: .admin, joinedAt: now)]
            + others.sorted().map { Membership(chatID: chat.id, userID: $0, role: .member, joinedAt: now) }
        try await chats.create(chat, members: members)
        await events.publish(.chatCreated(chat: chat.id, audience: members.map(\.userID)))
        return try await GetChat(chats: chats, users: users)(chat.id, for: creator)
    }
}

/// Gets or creates the one direct chat of a pair, whichever side asks.
public struct OpenDirectChat: Sendable {
    let chats: any ChatRepository
    let users: any UserRepository
    let events: any EventBus
    let clock: any Clock
    let ids: any IDGenerator

    /// Checks the peer in `users`, finds or stores the pair's chat in `chats`, announces a new one on `events`.
    public init(
        chats: any ChatRepository, users: any UserRepository, events: any EventBus, clock: any Clock,
        ids: any IDGenerator
    ) {
        self.chats = chats
        self.users = users
        self.events = events
        self.clock = clock
        self.ids = ids
    }

    /// The pair's chat as the caller sees it, and whether this call created it.
    /// Throws `.invalid` for oneself, `.notFound` for an unknown user.
    public func callAsFunction(_ me: UserID, with other: UserID) async throws -> (chat: ChatOverview, created: Bool) {
        guard me != other else { throw DomainError.invalid(field: "userId", reason: "cannot chat with yourself") }
        guard try await users.find(id: other) != nil else { throw DomainError.notFound("user not found") }
        let now = clock.now()
        let draft = Chat(
            id: ChatID(ids.next()), kind: .direct, name: nil, createdAt: now, lastActivityAt: now,
            directKey: Chat.directKey(me, other))
        let members = [me, other].map { Membership(chatID: draft.id, userID: $0, role: .member, joinedAt: now) }
        let (chat, created) = try await chats.findOrCreateDirect(draft, members: members)
        if created { await events.publish(.chatCreated(chat: chat.id, audience: [me, other])) }
        return (try await GetChat(chats: chats, users: users)(chat.id, for: me), created)
    }
}
