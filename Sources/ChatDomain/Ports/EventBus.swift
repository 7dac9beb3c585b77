import Foundation

/// Something that happened, told to connected clients after it was committed.
/// `audience` lists the users whose devices must hear it on their user room.
public enum ChatEvent: Sendable, Equatable {
    /// A message was appended (not on a resend with a known `clientMessageID`).
    case messageCreated(Message)
    /// A message's content was replaced; carries the edited message.
    case messageEdited(Message)
    /// A message was deleted; carries the tombstone.
    case messageDeleted(Message)
    /// `user`'s read pointer in `chat` moved up to `message`, whose sequence number is `seq`.
    case messageRead(chat: ChatID, user: UserID, message: MessageID, seq: Int64)
    /// A member added (`added`) or removed a reaction; `reactions` is the message's summary after the change.
    case reactionChanged(
        chat: ChatID, message: MessageID, user: UserID, emoji: String, added: Bool, reactions: [ReactionCount])
    /// `user` started (`isTyping`) or stopped typing in `chat`; nothing is stored.
    case typing(chat: ChatID, user: UserID, isTyping: Bool)
    /// A chat was created; `audience` is its members.
    case chatCreated(chat: ChatID, audience: [UserID])
    /// A chat's name, avatar or roles changed; `audience` is its members.
    case chatUpdated(chat: ChatID, audience: [UserID])
    /// A chat was deleted with its messages; `audience` is who its members were.
    case chatDeleted(chat: ChatID, audience: [UserID])
    /// `user` was added to `chat` with `role`; `audience` is the members, the new one included.
    case participantAdded(chat: ChatID, user: PublicProfile, role: Role, audience: [UserID])
    /// `user` left or was removed from `chat`; `audience` is the members before, `user` included.
    case participantRemoved(chat: ChatID, user: UserID, audience: [UserID])
    /// These sessions were revoked; their connected devices must be told and cut off.
    case sessionsRevoked([SessionID])
}

/// Carries committed events to whoever delivers them (the Socket.IO gateway, other nodes).
public protocol EventBus: Sendable {
    /// Hands the event over for delivery. Never throws: the change it reports is already committed,
    /// and clients that miss it catch up through history.
    func publish(_ event: ChatEvent) async
}
