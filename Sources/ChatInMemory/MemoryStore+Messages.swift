import ChatDomain
import Foundation

extension MemoryStore {
    func append(_ new: NewMessage) throws -> (message: Message, created: Bool) {
        if let earlier = messages.earlier(new) { return (earlier, false) }
        guard var chat = chats[new.chatID] else { throw DomainError.notFound("chat not found") }
        guard users[new.senderID] != nil else { throw DomainError.notFound("sender not found") }
        if let file = new.fileID, files[file] == nil { throw DomainError.notFound("file not found") }
        let message = try messages.append(new)
        chat.lastSeq = message.seq
        chat.lastActivityAt = max(chat.lastActivityAt, message.createdAt)
        chats[chat.id] = chat
        if let file = message.fileID { attachments[file, default: 0] += 1 }
        lastPosition += 1
        positions[message.id] = lastPosition
        words.index(message.content, at: lastPosition, as: WordIndex.Entry(chat: chat.id, message: message.id))
        return (message, true)
    }

    func message(_ id: MessageID, in chat: ChatID) -> Message? { messages.message(id, in: chat) }

    func page(of chat: ChatID, from cursor: HistoryCursor, limit: Int) throws -> MessagePage {
        try messages.page(of: chat, from: cursor, limit: limit)
    }

    func edit(id: MessageID, in chat: ChatID, content: String, at date: Date) -> Message? {
        let edited = messages.update(id, in: chat) { message in
            guard !message.isDeleted else { return false }
            message.content = content
            message.editedAt = date
            return true
        }
        if let edited, let position = positions[id] {
            words.index(edited.content, at: position, as: WordIndex.Entry(chat: chat, message: id))
        }
        return edited
    }

    func delete(id: MessageID, in chat: ChatID, at date: Date) -> Message? {
        let tombstone = messages.update(id, in: chat) { message in
            message.content = nil
            message.deletedAt = message.deletedAt ?? date
            message.reactions = []
            return true
        }
        if tombstone != nil {
            reactions[id] = nil
            if let position = positions[id] { words.remove(position) }
        }
        return tombstone
    }

    func advanceReadPointer(chat: ChatID, user: UserID, to seq: Int64) throws -> Int64 {
        guard let index = memberships[chat]?.firstIndex(where: { $0.userID == user }),
            var membership = memberships[chat]?[index]
        else { throw DomainError.notFound("not a member of the chat") }
        membership.lastReadSeq = max(membership.lastReadSeq, seq)
        memberships[chat]?[index] = membership
        return membership.lastReadSeq
    }

    func unreadCount(chat: ChatID, user: UserID) -> Int {
        guard let pointer = membership(chat: chat, user: user)?.lastReadSeq else { return 0 }
        return messages.unreadCount(chat: chat, user: user, after: pointer)
    }
}
