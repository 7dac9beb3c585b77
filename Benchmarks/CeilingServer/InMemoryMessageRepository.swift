import ChatDomain
import Foundation

/// The benchmark's ceiling: messages and read pointers in memory, nothing persisted. The chat server runs on it
/// unchanged (users, chats and sessions stay in the configured database) to show what persistence costs. Not for
/// production: everything is lost at exit, and chats are not checked to exist.
actor InMemoryMessageRepository: MessageRepository {
    private var messages: [ChatID: [Message]] = [:]
    private var byClientID: [String: Message] = [:]
    private var pointers: [ChatID: [UserID: Int64]] = [:]

    func append(_ new: NewMessage) throws -> (message: Message, created: Bool) {
        let key = new.clientMessageID.map { "\(new.chatID)|\(new.senderID)|\($0)" }
        if let key, let earlier = byClientID[key] { return (earlier, false) }
        let message = Message(
            id: new.id, chatID: new.chatID, seq: Int64((messages[new.chatID]?.count ?? 0) + 1), senderID: new.senderID,
            content: new.content, kind: new.kind, fileID: new.fileID, replyToID: new.replyToID,
            clientMessageID: new.clientMessageID, createdAt: new.createdAt)
        messages[new.chatID, default: []].append(message)
        if let key { byClientID[key] = message }
        return (message, true)
    }

    func find(id: MessageID, in chat: ChatID) -> Message? {
        messages[chat]?.first { $0.id == id }
    }

    func page(of chat: ChatID, from cursor: HistoryCursor, limit: Int) -> MessagePage {
        let all = messages[chat] ?? []
        switch cursor {
        case .latest:
            return MessagePage(items: Array(all.suffix(limit)), hasMore: all.count > limit)
        case .before(let seq):
            let older = all.prefix { $0.seq < seq }
            return MessagePage(items: Array(older.suffix(limit)), hasMore: older.count > limit)
        case .after(let seq):
            let newer = all.drop { $0.seq <= seq }
            return MessagePage(items: Array(newer.prefix(limit)), hasMore: newer.count > limit)
        }
    }

    func edit(id: MessageID, in chat: ChatID, content: String, at date: Date) -> Message? {
        update(id, in: chat) { message in
            guard !message.isDeleted else { return false }
            message.content = content
            message.editedAt = date
            return true
        }
    }

    func delete(id: MessageID, in chat: ChatID, at date: Date) -> Message? {
        update(id, in: chat) { message in
            message.content = nil
            message.deletedAt = message.deletedAt ?? date
            return true
        }
    }

    func advanceReadPointer(chat: ChatID, user: UserID, to seq: Int64) -> Int64 {
        let pointer = max(pointers[chat]?[user] ?? 0, seq)
        pointers[chat, default: [:]][user] = pointer
        return pointer
    }

    func unreadCount(chat: ChatID, user: UserID) -> Int {
        let pointer = pointers[chat]?[user] ?? 0
        return (messages[chat] ?? []).count { $0.seq > pointer && $0.senderID != user && !$0.isDeleted }
    }

    private func update(_ id: MessageID, in chat: ChatID, _ change: (inout Message) -> Bool) -> Message? {
        guard let index = messages[chat]?.firstIndex(where: { $0.id == id }) else { return nil }
        guard change(&messages[chat]![index]) else { return nil }
        return messages[chat]![index]
    }
}
