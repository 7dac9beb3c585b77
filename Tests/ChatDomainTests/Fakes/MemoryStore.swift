import ChatDomain
import Foundation

/// The state behind `MemoryChatRepository`, `MemoryMessageRepository` and `MemoryFileRepository`: messages
/// belong to chats and summaries need both, so one actor holds them and every operation is atomic.
actor MemoryStore {
    private var chats: [ChatID: Chat] = [:]
    /// Per chat, in the order members joined.
    private var memberships: [ChatID: [Membership]] = [:]
    /// Per chat, in ascending `seq`.
    private var messages: [ChatID: [Message]] = [:]
    private var files: [FileID: StoredFile] = [:]

    // MARK: Chats

    func create(_ chat: Chat, members: [Membership]) throws {
        guard chats[chat.id] == nil else { throw DomainError.conflict("chat already exists") }
        if let key = chat.directKey, chats.values.contains(where: { $0.directKey == key }) {
            throw DomainError.conflict("direct chat already exists")
        }
        chats[chat.id] = chat
        memberships[chat.id] = members
        messages[chat.id] = []
    }

    func findOrCreateDirect(_ chat: Chat, members: [Membership]) throws -> (chat: Chat, created: Bool) {
        if let existing = chats.values.first(where: { $0.directKey != nil && $0.directKey == chat.directKey }) {
            return (existing, false)
        }
        try create(chat, members: members)
        return (chat, true)
    }

    func chat(_ id: ChatID) -> Chat? { chats[id] }

    func update(_ chat: Chat) {
        chats[chat.id]?.name = chat.name
        chats[chat.id]?.avatarFileID = chat.avatarFileID
    }

    func deleteChat(_ id: ChatID) {
        chats[id] = nil
        memberships[id] = nil
        messages[id] = nil
    }

    func membership(chat: ChatID, user: UserID) -> Membership? {
        memberships[chat]?.first { $0.userID == user }
    }

    func members(of chat: ChatID) -> [Membership] {
        // Stable: equal join times keep the order they joined in.
        (memberships[chat] ?? []).enumerated()
            .sorted { ($0.element.joinedAt, $0.offset) < ($1.element.joinedAt, $1.offset) }
            .map(\.element)
    }

    func addMember(_ membership: Membership) throws {
        guard chats[membership.chatID] != nil else { throw DomainError.notFound("chat not found") }
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
            .sorted { $0.chat.lastActivityAt > $1.chat.lastActivityAt }
    }

    func summary(of chatID: ChatID, for user: UserID) -> ChatSummary? {
        guard let chat = chats[chatID], let mine = membership(chat: chatID, user: user) else { return nil }
        let all = memberships[chatID] ?? []
        return ChatSummary(
            chat: chat, participantCount: all.count, lastMessage: messages[chatID]?.last,
            unreadCount: unreadCount(chat: chatID, user: user), myRole: mine.role,
            peerID: chat.kind == .direct ? all.first { $0.userID != user }?.userID : nil)
    }

    func contacts(of user: UserID) -> [UserID] {
        let mine = memberships.filter { $0.value.contains { $0.userID == user } }
        return Array(Set(mine.values.flatMap { $0.map(\.userID) }).subtracting([user]))
    }

    // MARK: Messages

    func append(_ new: NewMessage) throws -> (message: Message, created: Bool) {
        guard var chat = chats[new.chatID] else { throw DomainError.notFound("chat not found") }
        if let clientID = new.clientMessageID,
            let earlier = messages[new.chatID]?.first(where: {
                $0.senderID == new.senderID && $0.clientMessageID == clientID
            })
        {
            return (earlier, false)
        }
        chat.lastSeq += 1
        chat.lastActivityAt = new.createdAt
        let message = Message(
            id: new.id, chatID: new.chatID, seq: chat.lastSeq, senderID: new.senderID, content: new.content,
            kind: new.kind, fileID: new.fileID, replyToID: new.replyToID, clientMessageID: new.clientMessageID,
            createdAt: new.createdAt)
        chats[chat.id] = chat
        messages[chat.id, default: []].append(message)
        return (message, true)
    }

    func message(_ id: MessageID, in chat: ChatID) -> Message? {
        messages[chat]?.first { $0.id == id }
    }

    func page(of chat: ChatID, from cursor: HistoryCursor, limit: Int) -> MessagePage {
        let all = messages[chat] ?? []
        switch cursor {
        case .latest:
            return MessagePage(items: Array(all.suffix(limit)), hasMore: all.count > limit)
        case .before(let seq):
            let older = all.filter { $0.seq < seq }
            return MessagePage(items: Array(older.suffix(limit)), hasMore: older.count > limit)
        case .after(let seq):
            let newer = all.filter { $0.seq > seq }
            return MessagePage(items: Array(newer.prefix(limit)), hasMore: newer.count > limit)
        }
    }

    func edit(id: MessageID, in chat: ChatID, content: String, at date: Date) -> Message? {
        change(id, in: chat) {
            $0.content = content
            $0.editedAt = date
        }
    }

    func delete(id: MessageID, in chat: ChatID, at date: Date) -> Message? {
        change(id, in: chat) {
            $0.content = nil
            $0.deletedAt = $0.deletedAt ?? date
        }
    }

    func advanceReadPointer(chat: ChatID, user: UserID, to seq: Int64) throws -> Int64 {
        guard let index = memberships[chat]?.firstIndex(where: { $0.userID == user }),
            var membership = memberships[chat]?[index]
        else { throw DomainError.notFound("not a member of this chat") }
        membership.lastReadSeq = max(membership.lastReadSeq, seq)
        memberships[chat]?[index] = membership
        return membership.lastReadSeq
    }

    func unreadCount(chat: ChatID, user: UserID) -> Int {
        let pointer = membership(chat: chat, user: user)?.lastReadSeq ?? 0
        return (messages[chat] ?? []).count { $0.seq > pointer && $0.senderID != user && !$0.isDeleted }
    }

    private func change(_ id: MessageID, in chat: ChatID, _ body: (inout Message) -> Void) -> Message? {
        guard let index = messages[chat]?.firstIndex(where: { $0.id == id }) else { return nil }
        body(&messages[chat]![index])
        return messages[chat]?[index]
    }

    // MARK: Files

    func create(_ file: StoredFile) throws {
        guard files[file.id] == nil else { throw DomainError.conflict("file already exists") }
        files[file.id] = file
    }

    func file(_ id: FileID) -> StoredFile? { files[id] }

    func isShared(file: FileID, with user: UserID) -> Bool {
        messages.contains { chat, items in
            items.contains { $0.fileID == file } && membership(chat: chat, user: user) != nil
        }
    }

    func isChatAvatar(_ file: FileID) -> Bool { chats.values.contains { $0.avatarFileID == file } }

    /// Files in ascending id order after `cursor`, at most `limit`.
    func storedFiles(after cursor: FileID?, limit: Int) -> [StoredFile] {
        Array(files.values.filter { file in cursor.map { file.id > $0 } ?? true }.sorted { $0.id < $1.id }.prefix(limit))
    }

    /// True when a message (a tombstone included) or a chat refers to the file.
    func isReferenced(_ file: FileID) -> Bool {
        isChatAvatar(file) || messages.values.contains { items in items.contains { $0.fileID == file } }
    }

    /// Removes the file when `keep` says nothing else refers to it; true when removed.
    func removeFile(_ id: FileID, createdBefore cutoff: Date, unless keep: Bool) -> Bool {
        guard let file = files[id], file.createdAt < cutoff, !keep, !isReferenced(id) else { return false }
        files[id] = nil
        return true
    }
}
