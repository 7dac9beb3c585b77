import ChatDomain
import ChatRealtime
import Foundation
import Logging

/// The Socket.IO face of the chat: authenticates at CONNECT, keeps presence, and maps every client event of
/// the contract to the same use cases as REST, answering through the ack.
///
/// A class, not a struct: every socket holds a dozen handler closures, and each captures the gateway. Captured as a
/// reference it costs a pointer; as a struct, each closure carried its own copy of `ChatServices` (kilobytes of
/// existentials), which made an idle socket weigh over 60 KiB instead of a few.
final class ChatGateway: Sendable {
    let io: SocketIOServer
    let services: ChatServices
    /// Who signs sockets in: the chat's access tokens, or the host application.
    let authentication: ChatAuthentication
    /// The per-user limits of `message:send` and typing, shared with REST.
    let limits: RateLimits
    let presence: Presence
    let tracker: PresenceTracker
    let typing: TypingTracker
    let logger: Logger

    init(
        io: SocketIOServer, services: ChatServices, authentication: ChatAuthentication, limits: RateLimits, presence: Presence, tracker: PresenceTracker,
        typing: TypingTracker, logger: Logger
    ) {
        self.io = io
        self.services = services
        self.authentication = authentication
        self.limits = limits
        self.presence = presence
        self.tracker = tracker
        self.typing = typing
        self.logger = logger
    }

    /// Registers the default namespace: sign-in check at CONNECT, then rooms, presence and event handlers.
    func register() {
        io.namespace("/") { [self] request in
            guard let claims = try? await authentication.claims(
                token: request.token,
                credentials: ChatCredentials(
                    headers: request.handshake.headers, query: request.handshake.query, socketAuth: request.auth),
                services: services)
            else { return .reject(message: "unauthorized") }
            return .accept(data: SocketIdentity(user: claims.userID, session: claims.sessionID))
        }
        .onConnection { [self] socket in await connected(socket) }
    }

    private func connected(_ socket: SocketIOSocket) async {
        guard let identity = socket.data(as: SocketIdentity.self) else {
            await socket.disconnect()
            return
        }
        await socket.join(Rooms.user(identity.user))
        await socket.join(Rooms.session(identity.session))
        await registerHandlers(on: socket, as: identity)
        // Counted before the disconnect handler is added: a client that already left makes it run at once,
        // and it must find this connection counted.
        if await tracker.connected(identity.user) {
            await announce(.userOnline, user: identity.user, lastSeen: nil)
        }
        await socket.onDisconnect { [self] _ in await disconnected(identity) }
    }

    private func disconnected(_ identity: SocketIdentity) async {
        guard await tracker.disconnected(identity.user) else { return }
        let lastSeen = try? await presence.wentOffline(identity.user)
        // A device of the same user may have connected while lastSeen was being written.
        guard await !tracker.isOnline(identity.user) else { return }
        await announce(.userOffline, user: identity.user, lastSeen: lastSeen ?? Date())
    }

    /// Tells everyone who shares a chat with `user` (and only them) that they came online or went offline.
    private func announce(_ event: ServerEvent, user: UserID, lastSeen: Date?) async {
        do {
            let audience = try await presence.audience(of: user)
            let payload = try SocketIOValue.encoding(PresenceEvent(userId: user, lastSeen: lastSeen))
            for member in audience { await io.to(Rooms.user(member)).emit(event.rawValue, payload) }
        } catch {
            logger.warning("presence not announced", metadata: ["event": "\(event.rawValue)", "error": "\(error)"])
        }
    }
}

/// `user:online` / `user:offline`.
struct PresenceEvent: Encodable {
    var userId: UserID
    var lastSeen: Date?

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(userId, forKey: .userId)
        try container.encode(lastSeen, forKey: .lastSeen)
    }

    enum CodingKeys: String, CodingKey { case userId, lastSeen }
}
