import ChatDomain
import Foundation

extension MemoryStore {
    func createChat(_ chat: Chat, members: [Membership]) throws {
        guard chats[chat.id] == nil else { throw DomainError.conflict("chat already exists") }
        if let key = chat.directKey, chats.values.contains(where: { $0.directKey == key }) {
            throw DomainError.conflict("direct chat already exists")
        }
        guard Set(members.map(\.userID)).count == members.count else {
            throw DomainError.conflict("a member is listed twice")
        }
        guard members.allSatisfy({ users[$0.userID] != nil }) else { throw DomainError.notFound("user not found") }
        chats[chat.id] = chat
        memberships[chat.id] = members
    }

    func findOrCreateDirect(_ chat: Chat, members: [Membership]) throws -> (chat: Chat, created: Bool) {
        guard let key = chat.directKey else {
            throw DomainError.invalid(field: "directKey", reason: "a direct chat needs a direct key")
        }
        if let existing = chats.values.first(where: { $0.directKey == key }) { return (existing, false) }
        try createChat(chat, members: members)
        return (chat, true)
    }

    func chat(_ id: ChatID) -> Chat? { chats[id] }

    func updateChat(_ chat: Chat) throws {
        guard chats[chat.id] != nil else { throw DomainError.notFound("chat not found") }
        if let avatar = chat.avatarFileID, files[avatar] == nil { throw DomainError.notFound("avatar not found") }
        chats[chat.id]?.name = chat.name
        chats[chat.id]?.avatarFileID = chat.avatarFileID
    }

    func deleteChat(_ id: ChatID) {
        chats[id] = nil
        memberships[id] = nil
        for message in messages.removeChat(id) {
            reactions[message.id] = nil
            if let file = message.fileID { detach(file) }
            if let position = positions.removeValue(forKey: message.id) { words.remove(position) }
        }
    }

    func membership(chat: ChatID, user: UserID) -> Membership? {
        memberships[chat]?.first { $0.userID == user }
    }

    func members(of chat: ChatID) -> [Membership] {
        // Stable: equal join times keep the order members were added in.
        (memberships[chat] ?? []).enumerated()
            .sorted { ($0.element.joinedAt, $0.offset) < ($1.element.joinedAt, $1.offset) }
            .map(\.element)
    }

    func addMember(_ membership: Membership) throws {
        guard chats[membership.chatID] != nil else { throw DomainError.notFound("chat not found") }
        guard users[membership.userID] != nil else { throw DomainError.notFound("user not found") }
        guard self.membership(chat: membership.chatID, user: membership.userID) == nil else {
            throw DomainError.conflict("already a member")
        }
        memberships[membership.chatID, default: []].append(membership)
    }

    func removeMember(chat: ChatID, user: UserID) -> Bool {
        guard let index = memberships[chat]?.firstIndex(where: { $0.userID == user }) else { return false }
        memberships[chat]?.remove(at: index)
        return true
    }

    func setRole(_ role: Role, chat: ChatID, user: UserID) -> Bool {
        guard let index = memberships[chat]?.firstIndex(where: { $0.userID == user }) else { return false }
        memberships[chat]?[index].role = role
        return true
    }

    func promoteLongestStandingIfNoAdmin(chat: ChatID) -> Membership? {
        let current = members(of: chat)
        guard !current.contains(where: { $0.role == .admin }), let eldest = current.first else { return nil }
        _ = setRole(.admin, chat: chat, user: eldest.userID)
        return membership(chat: chat, user: eldest.userID)
    }

    func summaries(for user: UserID) -> [ChatSummary] {
        chats.keys.compactMap { summary(of: $0, for: user) }
            .sorted { ($0.chat.lastActivityAt, $1.chat.id) > ($1.chat.lastActivityAt, $0.chat.id) }
    }

    func summary(of id: ChatID, for user: UserID) -> ChatSummary? {
        guard let chat = chats[id], let mine = membership(chat: id, user: user) else { return nil }
        let all = memberships[id] ?? []
        return ChatSummary(
            chat: chat, participantCount: all.count, lastMessage: messages.last(of: id),
            unreadCount: messages.unreadCount(chat: id, user: user, after: mine.lastReadSeq), myRole: mine.role,
            peerID: chat.kind == .direct ? all.first { $0.userID != user }?.userID : nil)
    }

    func contacts(of user: UserID) -> [UserID] {
        let shared = memberships.values.filter { members in members.contains { $0.userID == user } }
        return Set(shared.flatMap { $0.map(\.userID) }).subtracting([user]).sorted()
    }
}
