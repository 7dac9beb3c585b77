import Foundation

/// Adds, removes and promotes members of a group, with the role rules of the contract.
public struct ManageParticipants: Sendable {
    let chats: any ChatRepository
    let users: any UserRepository
    let events: any EventBus
    let clock: any Clock

    /// Changes memberships in `chats`, reads profiles from `users`, announces on `events`; joins are timed by `clock`.
    public init(chats: any ChatRepository, users: any UserRepository, events: any EventBus, clock: any Clock) {
        self.chats = chats
        self.users = users
        self.events = events
        self.clock = clock
    }

    /// Adds `target` as a MEMBER (ADMIN or MODERATOR only). Throws `.conflict` when already a member.
    public func add(_ target: UserID, to chatID: ChatID, by user: UserID) async throws -> Participant {
        let access = ChatAccess(chats: chats)
        _ = try await access.manager(user, of: chatID)
        guard let added = try await users.find(id: target) else { throw DomainError.notFound("user not found") }
        let membership = Membership(chatID: chatID, userID: target, role: .member, joinedAt: clock.now())
        try await chats.addMember(membership)
        let profile = PublicProfile(added)
        await events.publish(
            .participantAdded(chat: chatID, user: profile, role: .member, audience: try await access.memberIDs(of: chatID)))
        return Participant(user: profile, role: .member, joinedAt: membership.joinedAt)
    }

    /// Removes `target`, or leaves when `target` is the caller. A MODERATOR cannot remove an ADMIN; members can
    /// only leave. When the last ADMIN goes, the longest-standing member becomes ADMIN; an empty group is deleted.
    public func remove(_ target: UserID, from chatID: ChatID, by user: UserID) async throws {
        let access = ChatAccess(chats: chats)
        let (chat, mine) = try await access.member(user, of: chatID)
        guard chat.kind == .group else { throw DomainError.forbidden("direct chats cannot be left; delete it instead") }
        if target != user {
            guard mine.role.canManageMembers else { throw DomainError.forbidden("only an ADMIN or MODERATOR may do this") }
            guard let theirs = try await chats.membership(chat: chatID, user: target) else {
                throw DomainError.notFound("not a member of this chat")
            }
            if theirs.role == .admin, mine.role != .admin {
                throw DomainError.forbidden("a MODERATOR cannot remove an ADMIN")
            }
        }
        let audience = try await access.memberIDs(of: chatID)
        guard try await chats.removeMember(chat: chatID, user: target) else {
            throw DomainError.notFound("not a member of this chat")
        }
        if audience.count == 1 {
            try await chats.delete(id: chatID)
        } else if try await chats.promoteLongestStandingIfNoAdmin(chat: chatID) != nil {
            await events.publish(.chatUpdated(chat: chatID, audience: audience.filter { $0 != target }))
        }
        await events.publish(.participantRemoved(chat: chatID, user: target, audience: audience))
    }

    /// Sets a member's role (ADMIN only). Throws `.conflict` when it would leave the group without an ADMIN.
    public func setRole(_ role: Role, of target: UserID, in chatID: ChatID, by user: UserID) async throws -> Participant {
        let access = ChatAccess(chats: chats)
        _ = try await access.admin(user, of: chatID)
        let members = try await chats.members(of: chatID)
        guard let theirs = members.first(where: { $0.userID == target }) else {
            throw DomainError.notFound("not a member of this chat")
        }
        if theirs.role == .admin, role != .admin, members.filter({ $0.role == .admin }).count == 1 {
            throw DomainError.conflict("a group needs at least one ADMIN")
        }
        _ = try await chats.setRole(role, chat: chatID, user: target)
        guard let profile = try await users.find(id: target) else { throw DomainError.notFound("user not found") }
        await events.publish(.chatUpdated(chat: chatID, audience: members.map(\.userID)))
        return Participant(user: PublicProfile(profile), role: role, joinedAt: theirs.joinedAt)
    }
}
