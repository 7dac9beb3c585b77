import ChatDomain

/// Who a socket belongs to, settled once at CONNECT from the access token.
struct SocketIdentity: Sendable {
    let user: UserID
    let session: SessionID
}

/// The room names of the contract.
enum Rooms {
    /// Every socket of a user: chat-list changes, presence.
    static func user(_ id: UserID) -> String { "user:\(id)" }
    /// Sockets that joined a chat: its messages, typing and reads.
    static func chat(_ id: ChatID) -> String { "chat:\(id)" }
    /// Every socket of one device session, to close them when it is revoked.
    static func session(_ id: SessionID) -> String { "session:\(id)" }
}
