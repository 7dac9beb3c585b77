import ChatRealtime
import Foundation

extension MessageView {
    /// The view as a Socket.IO value, built directly: the same fields and text as `SocketIOValue.encoding(self)`
    /// (which goes through JSONEncoder and back through the JSON parser), for the two uses on every send (the
    /// `message:new` broadcast and the sender's ack).
    var socketIOValue: SocketIOValue {
        func text(_ value: (any CustomStringConvertible)?) -> SocketIOValue { value.map { .string($0.description) } ?? .null }
        func date(_ value: Date?) -> SocketIOValue { value.map { .string(JSON.dateText($0)) } ?? .null }
        var fields: [String: SocketIOValue] = [
            "id": .string(id.description),
            "chatId": .string(chatId.description),
            "seq": .number(Double(seq)),
            "senderId": .string(senderId.description),
            "content": content.map(SocketIOValue.string) ?? .null,
            "type": .string(type.rawValue),
            "fileId": text(fileId),
            "replyToId": text(replyToId),
            "clientMessageId": clientMessageId.map(SocketIOValue.string) ?? .null,
            "isEdited": .bool(isEdited),
            "editedAt": date(editedAt),
            "isDeleted": .bool(isDeleted),
            "deletedAt": date(deletedAt),
            "createdAt": date(createdAt),
            "reactions": .array(
                reactions.map { reaction -> SocketIOValue in
                    ["emoji": .string(reaction.emoji), "count": .number(Double(reaction.count))]
                }),
        ]
        if let myReactions { fields["myReactions"] = .array(myReactions.map(SocketIOValue.string)) }
        return .object(fields)
    }
}
