import Foundation

/// Something that happened, told to connected clients after it was committed.
/// `audience` lists the users whose devices must hear it on their user room.
public enum ChatEvent: Sendable, Equatable {
    case messageCreated(Message)
    case messageEdited(Message)
    case messageDeleted(Message)
    case messageRead(chat: ChatID, user: UserID, message: MessageID, seq: Int64)
    /// A member added (`added`) or removed a reaction; `reactions` is the message's summary after the change.
    case reactionChanged(
        chat: ChatID, message: MessageID, user: UserID, emoji: String, added: Bool, reactions: [ReactionCount])
    case typing(chat: ChatID, user: UserID, isTyping: Bool)
    case chatCreated(chat: ChatID, audience: [UserID])
    case chatUpdated(chat: ChatID, audience: [UserID])
    case chatDeleted(chat: ChatID, audience: [UserID])
    case participantAdded(chat: ChatID, user: PublicProfile, role: Role, audience: [UserID])
    case participantRemoved(chat: ChatID, user: UserID, audience: [UserID])
    case sessionsRevoked([SessionID])
}

/// Carries committed events to whoever delivers them (the Socket.IO gateway, other nodes).
public protocol EventBus: Sendable {
    /// Hands the event over for delivery. Never throws: the change it reports is already committed,
    /// and clients that miss it catch up through history.
    func publish(_ event: ChatEvent) async
}
