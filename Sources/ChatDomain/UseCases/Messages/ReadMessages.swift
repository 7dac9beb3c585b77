import Foundation

/// History and single messages, for members only.
public struct ReadMessages: Sendable {
    let access: ChatAccess
    let messages: any MessageRepository
    /// Page size when none is asked for, and the most one page may hold.
    public static let defaultLimit = 50, maxLimit = 100

    /// Checks membership in `chats` and reads from `messages`.
    public init(chats: any ChatRepository, messages: any MessageRepository) {
        access = ChatAccess(chats: chats)
        self.messages = messages
    }

    /// A page of history in ascending `seq`. Throws `.invalid` for a bad limit or cursor, and the membership
    /// refusals.
    public func page(_ chatID: ChatID, for user: UserID, cursor: HistoryCursor, limit: Int?) async throws -> MessagePage {
        let limit = try Validation.limit(limit, default: Self.defaultLimit, maximum: Self.maxLimit)
        switch cursor {
        case .before(let seq) where seq < 1, .after(let seq) where seq < 0:
            throw DomainError.invalid(field: "cursor", reason: "must be a positive sequence number")
        default: break
        }
        _ = try await access.membership(user, of: chatID)
        return try await messages.page(of: chatID, from: cursor, limit: limit)
    }

    /// One message. Throws `.notFound` when it is not in this chat.
    public func one(_ messageID: MessageID, in chatID: ChatID, for user: UserID) async throws -> Message {
        _ = try await access.membership(user, of: chatID)
        guard let message = try await messages.find(id: messageID, in: chatID) else {
            throw DomainError.notFound("message not found")
        }
        return message
    }
}
