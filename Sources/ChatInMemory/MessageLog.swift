import ChatDomain
import Foundation

/// The messages of many chats, each chat's in ascending `seq` (1, 2, 3… without gaps), with the lookups every
/// in-memory message repository needs: by id, by client message id, by page. A value: the actor that owns it
/// serializes every access, so each method is atomic.
struct MessageLog {
    /// Where a message sits: its chat and its index in that chat's array (`seq - 1`).
    private struct Location {
        var chat: ChatID
        var index: Int
    }

    /// A sender's client message id in one chat: at most one message each.
    private struct ClientKey: Hashable {
        var chat: ChatID
        var sender: UserID
        var clientMessageID: String
    }

    private var chats: [ChatID: [Message]] = [:]
    private var locations: [MessageID: Location] = [:]
    private var clientIDs: [ClientKey: MessageID] = [:]

    /// Every message of the chat in ascending `seq`; empty for an unknown chat.
    func messages(of chat: ChatID) -> [Message] { chats[chat] ?? [] }

    /// The newest message of the chat, a tombstone included, or nil.
    func last(of chat: ChatID) -> Message? { chats[chat]?.last }

    /// The message with this id in this chat, or nil (also when it is in another chat).
    func message(_ id: MessageID, in chat: ChatID) -> Message? {
        guard let location = locations[id], location.chat == chat else { return nil }
        return chats[chat]?[location.index]
    }

    /// The chat a message is in, or nil when no message has this id.
    func chat(of id: MessageID) -> ChatID? { locations[id]?.chat }

    /// The sender's earlier message in the chat with the same client message id, or nil (always nil without one).
    func earlier(_ new: NewMessage) -> Message? {
        guard let clientID = new.clientMessageID,
            let id = clientIDs[ClientKey(chat: new.chatID, sender: new.senderID, clientMessageID: clientID)]
        else { return nil }
        return message(id, in: new.chatID)
    }

    /// Stores the message with the chat's next `seq` and returns it. Throws `DomainError.conflict` when the id is
    /// taken. Does not look for an earlier message with the same client id: call `earlier` first.
    mutating func append(_ new: NewMessage) throws -> Message {
        guard locations[new.id] == nil else { throw DomainError.conflict("message already exists") }
        let index = chats[new.chatID]?.count ?? 0
        let message = Message(
            id: new.id, chatID: new.chatID, seq: Int64(index + 1), senderID: new.senderID, content: new.content,
            kind: new.kind, fileID: new.fileID, replyToID: new.replyToID, clientMessageID: new.clientMessageID,
            createdAt: new.createdAt)
        chats[new.chatID, default: []].append(message)
        locations[new.id] = Location(chat: new.chatID, index: index)
        if let clientID = new.clientMessageID {
            clientIDs[ClientKey(chat: new.chatID, sender: new.senderID, clientMessageID: clientID)] = new.id
        }
        return message
    }

    /// Up to `limit` messages in ascending `seq`: the newest, those just below or those just above a `seq`, and
    /// whether more exist in that direction. Throws `DomainError.invalid` when `limit` is below 1.
    func page(of chat: ChatID, from cursor: HistoryCursor, limit: Int) throws -> MessagePage {
        guard limit >= 1 else { throw DomainError.invalid(field: "limit", reason: "must be at least 1") }
        let all = chats[chat] ?? []
        // Index `seq - 1` holds `seq`: each cursor is a slice bound, found without scanning.
        switch cursor {
        case .latest:
            return MessagePage(items: Array(all.suffix(limit)), hasMore: all.count > limit)
        case .before(let seq):
            let older = all[..<Int(min(max(seq - 1, 0), Int64(all.count)))]
            return MessagePage(items: Array(older.suffix(limit)), hasMore: older.count > limit)
        case .after(let seq):
            let newer = all[Int(min(max(seq, 0), Int64(all.count)))...]
            return MessagePage(items: Array(newer.prefix(limit)), hasMore: newer.count > limit)
        }
    }

    /// Applies `change` to the message when it is in the chat and `change` agrees (returns true); returns the
    /// message after the change, or nil when absent or refused.
    mutating func update(_ id: MessageID, in chat: ChatID, _ change: (inout Message) -> Bool) -> Message? {
        guard let location = locations[id], location.chat == chat, var message = chats[chat]?[location.index],
            change(&message)
        else { return nil }
        chats[chat]?[location.index] = message
        return message
    }

    /// Others' undeleted messages of the chat with a `seq` above `pointer`.
    func unreadCount(chat: ChatID, user: UserID, after pointer: Int64) -> Int {
        let all = chats[chat] ?? []
        return all[Int(min(max(pointer, 0), Int64(all.count)))...].count { $0.senderID != user && !$0.isDeleted }
    }

    /// Forgets the chat's messages and returns them.
    mutating func removeChat(_ chat: ChatID) -> [Message] {
        let removed = chats.removeValue(forKey: chat) ?? []
        for message in removed {
            locations[message.id] = nil
            if let clientID = message.clientMessageID {
                clientIDs[ClientKey(chat: chat, sender: message.senderID, clientMessageID: clientID)] = nil
            }
        }
        return removed
    }
}
