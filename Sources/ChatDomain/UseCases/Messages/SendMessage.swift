import Foundation

/// What a client asks to send.
public struct SendMessageRequest: Sendable, Equatable {
    /// The text, or a caption with a file; blank counts as none. At most `Validation.maxContentLength` characters.
    public var content: String?
    /// The kind asked for; nil means `.text`, and any other needs a file. Ignored with a file: the file's kind decides.
    public var kind: Message.Kind?
    /// A file the sender uploaded, to attach; nil for text.
    public var fileID: FileID?
    /// A message of the same chat this one answers.
    public var replyToID: MessageID?
    /// The client's idempotency key, 1–128 characters; a retry with the same key returns the first message.
    public var clientMessageID: String?

    /// A request as the client sent it; `SendMessage` validates it.
    public init(
        content: String?, kind: Message.Kind? = nil, fileID: FileID? = nil, replyToID: MessageID? = nil,
        clientMessageID: String? = nil
    ) {
        self.content = content
        self.kind = kind
        self.fileID = fileID
        self.replyToID = replyToID
        self.clientMessageID = clientMessageID
    }
}

/// Sends a message to a chat the sender belongs to. Returns only after the message is committed; a retry
/// with the same `clientMessageID` returns the stored message and announces nothing new. A chat's new messages are
/// announced in `seq` order, however many are sent at once (copies of one `SendMessage` share its `ChatLocks`).
public struct SendMessage: Sendable {
    let access: ChatAccess
    let messages: any MessageRepository
    let files: any FileRepository
    let events: any EventBus
    let clock: any Clock
    let ids: any IDGenerator
    let locks: ChatLocks

    /// Checks membership in `chats` and files in `files`, appends to `messages`, announces on `events`. Senders
    /// to one chat must share `locks` (copies do), or its messages may be announced out of `seq` order.
    public init(
        chats: any ChatRepository, messages: any MessageRepository, files: any FileRepository,
        events: any EventBus, clock: any Clock, ids: any IDGenerator, locks: ChatLocks = ChatLocks()
    ) {
        access = ChatAccess(chats: chats)
        self.messages = messages
        self.files = files
        self.events = events
        self.clock = clock
        self.ids = ids
        self.locks = locks
    }

    /// The stored message and whether this call created it. Throws `.invalid` for empty content without a file,
    /// a reply to another chat's message or a file that is not the sender's, and the membership refusals.
    ///
    /// `membershipKnown` skips the membership query, for a caller that already knows the sender is a member and
    /// learns of removals as they happen (a socket in the chat's room: it joined after the same check, and leaves
    /// when the member is removed). A chat deleted meanwhile still fails the append with `.notFound`.
    public func callAsFunction(
        _ request: SendMessageRequest, to chatID: ChatID, from sender: UserID, membershipKnown: Bool = false
    ) async throws -> (message: Message, created: Bool) {
        let content = try Validation.content(request.content)
        let clientMessageID = try Validation.clientMessageID(request.clientMessageID)
        if !membershipKnown { _ = try await access.membership(sender, of: chatID) }
        var kind = request.kind ?? .text
        if let fileID = request.fileID {
            guard let file = try await files.find(id: fileID), file.ownerID == sender else {
                throw DomainError.invalid(field: "fileId", reason: "no such file of yours")
            }
            kind = Self.kind(of: file)
        } else {
            guard content != nil else { throw DomainError.invalid(field: "content", reason: "must not be empty") }
            guard kind == .text else {
                throw DomainError.invalid(field: "type", reason: "\(kind.rawValue) needs a fileId")
            }
        }
        if let replyToID = request.replyToID, try await messages.find(id: replyToID, in: chatID) == nil {
            throw DomainError.invalid(field: "replyToId", reason: "no such message in this chat")
        }
        let draft = NewMessage(
            id: MessageID(ids.next()), chatID: chatID, senderID: sender, content: content, kind: kind,
            fileID: request.fileID, replyToID: request.replyToID, clientMessageID: clientMessageID,
            createdAt: clock.now())
        return try await locks.withLock(chatID) {
            let result = try await messages.append(draft)
            if result.created { await events.publish(.messageCreated(result.message)) }
            return result
        }
    }

    /// The message type a file implies: the type follows the file.
    static func kind(of file: StoredFile) -> Message.Kind {
        switch file.kind {
        case .image: .image
        case .audio: .voice
        case .video: .video
        case .file: .file
        }
    }
}
