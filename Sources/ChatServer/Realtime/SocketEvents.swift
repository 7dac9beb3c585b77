/// The Socket.IO events a client may send: the gateway registers a handler for every case (an exhaustive switch),
/// so this list is exactly what the server answers; `docs/asyncapi.yaml` documents the same set.
enum ClientEvent: String, CaseIterable, Sendable {
    case joinChat = "join_chat"
    case leaveChat = "leave_chat"
    case sendMessage = "message:send"
    case editMessage = "message:edit"
    case deleteMessage = "message:delete"
    case readMessage = "message:read"
    case react = "message:react"
    case unreact = "message:unreact"
    case typing = "message:typing"
    case stopTyping = "message:stop_typing"
    /// Kept for the seed's clients; a no-op.
    case joinUser = "join_user"
}

/// The Socket.IO events the server emits: every emit names one of these, so this list is exactly what clients can
/// hear; `docs/asyncapi.yaml` documents the same set.
enum ServerEvent: String, CaseIterable, Sendable {
    case messageNew = "message:new"
    case messageEdited = "message:edited"
    case messageDeleted = "message:deleted"
    case messageRead = "message:read"
    case messageReaction = "message:reaction"
    case typing = "message:typing"
    case stopTyping = "message:stop_typing"
    case userOnline = "user:online"
    case userOffline = "user:offline"
    case chatCreated = "chat:created"
    case chatUpdated = "chat:updated"
    case chatDeleted = "chat:deleted"
    case participantAdded = "chat:participant_added"
    case participantRemoved = "chat:participant_removed"
    case sessionRevoked = "session:revoked"
}
