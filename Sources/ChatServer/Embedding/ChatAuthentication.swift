import ChatDomain
import ChatRealtime
import Foundation
import HTTPTypes

/// What a client presented to prove who it is: on REST, the request's headers and query; on Socket.IO, the
/// handshake's headers and query and the CONNECT packet's `auth` payload.
public struct ChatCredentials: Sendable {
    /// The request headers (`Authorization`, `Cookie`…).
    public let headers: HTTPFields
    /// The decoded query parameters.
    public let query: [String: String]
    /// The Socket.IO CONNECT payload (the client's `auth` option); empty on REST.
    public let socketAuth: [String: SocketIOValue]

    /// Credentials as the chat hands them to a `ChatAuthenticator` (public for the host's tests).
    public init(headers: HTTPFields, query: [String: String], socketAuth: [String: SocketIOValue] = [:]) {
        self.headers = headers
        self.query = query
        self.socketAuth = socketAuth
    }
}

/// The host application's own sign-in, used by the chat instead of its tokens: the port that turns a request
/// into a chat user.
public protocol ChatAuthenticator: Sendable {
    /// The chat user the credentials belong to, or nil when they prove nobody (the chat then answers 401, or
    /// refuses the Socket.IO CONNECT with "unauthorized"). The user must exist in the chat's users
    /// (`ChatServices.signUp`). Errors thrown are answered as the chat answers a `DomainError` (others as 500).
    func user(presenting credentials: ChatCredentials) async throws -> UserID?
}

/// Who signs users in to the chat.
public enum ChatAuthentication: Sendable {
    /// The chat itself: `/auth/*` (sign-up, log-in, refresh, sessions) and its JWT access tokens, checked on every
    /// request and at Socket.IO CONNECT.
    case chatTokens
    /// The host application: `/auth/*` is not served, and every request and Socket.IO connection is asked of
    /// `authenticator`. Such callers have no chat device session, so none can be listed or revoked here.
    case host(any ChatAuthenticator)
}

extension ChatAuthentication {
    /// The claims of the caller who presented `token` (the chat's) or `credentials` (the host's; gathered only
    /// then). Throws `DomainError.unauthorized` when there are none or they do not check out. A host-authenticated
    /// caller gets a session id of its own for this request or connection only.
    func claims(
        token: String?, credentials: @autoclosure () -> ChatCredentials, services: ChatServices
    ) async throws -> AccessClaims {
        switch self {
        case .chatTokens:
            guard let token else { throw DomainError.unauthorized("missing bearer token") }
            return try await services.authenticate(accessToken: token)
        case .host(let authenticator):
            guard let user = try await authenticator.user(presenting: credentials()) else {
                throw DomainError.unauthorized("not signed in")
            }
            let now = Date()
            return AccessClaims(userID: user, sessionID: SessionID(UUID()), issuedAt: now, expiresAt: now)
        }
    }
}
