import ChatDomain
import Foundation
import Synchronization

/// A transparent "hash": `hashed:` + password. Verifying compares.
struct FakePasswordHasher: PasswordHasher {
    func hash(_ password: String) -> String { "hashed:" + password }
    func verify(_ password: String, against hash: String) -> Bool { hash == "hashed:" + password }
}

/// Access tokens as readable `sessionID|userID|expiry` strings; verification checks the expiry.
struct FakeTokenIssuer: TokenIssuer {
    let accessTokenLifetime = 900

    func issue(user: UserID, session: SessionID, at now: Date) -> String {
        "\(session)|\(user)|\(Int(now.timeIntervalSince1970) + accessTokenLifetime)"
    }

    func verify(_ token: String, at now: Date) throws -> AccessClaims {
        let parts = token.split(separator: "|").map(String.init)
        guard parts.count == 3, let session = SessionID(parts[0]), let user = UserID(parts[1]),
            let expiry = Int(parts[2])
        else { throw DomainError.unauthorized("malformed token") }
        let expiresAt = Date(timeIntervalSince1970: TimeInterval(expiry))
        guard expiresAt > now else { throw DomainError.unauthorized("token expired") }
        return AccessClaims(
            userID: user, sessionID: session,
            issuedAt: expiresAt.addingTimeInterval(-TimeInterval(accessTokenLifetime)), expiresAt: expiresAt)
    }
}

/// Random refresh tokens; the hash is a deterministic transformation of the token.
struct FakeRefreshTokens: RefreshTokenGenerator {
    func generate() -> String { UUID().uuidString + UUID().uuidString }
    func hash(_ token: String) -> String { "hash:" + String(token.reversed()) }
}

/// A gate without a cache: it asks the session repository every time, and records what it was told to forget.
actor MemorySessionGate: SessionGate {
    let sessions: MemorySessionRepository
    private(set) var invalidated: [SessionID] = []

    init(sessions: MemorySessionRepository) { self.sessions = sessions }

    func isActive(_ session: SessionID, of user: UserID, at now: Date) async -> Bool {
        guard let found = await sessions.find(id: session), found.userID == user else { return false }
        return found.isActive(at: now)
    }

    func invalidate(_ sessions: [SessionID]) { invalidated += sessions }
}

/// Remembers every published event, in order.
actor RecordingEventBus: EventBus {
    private(set) var events: [ChatEvent] = []

    func publish(_ event: ChatEvent) { events.append(event) }

    /// The messages announced as created, in order.
    var createdMessages: [Message] {
        events.compactMap { if case .messageCreated(let message) = $0 { message } else { nil } }
    }

    /// Every batch of revoked sessions announced, in order.
    var revokedSessions: [[SessionID]] {
        events.compactMap { if case .sessionsRevoked(let ids) = $0 { ids } else { nil } }
    }

    func clear() { events.removeAll() }
}

/// A clock that stands still until a test moves it.
final class TestClock: ChatDomain.Clock {
    private let current: Mutex<Date>

    init(_ start: Date = Date(timeIntervalSince1970: 1_800_000_000)) { current = Mutex(start) }

    func now() -> Date { current.withLock { $0 } }

    func advance(by seconds: TimeInterval) { current.withLock { $0 = $0.addingTimeInterval(seconds) } }
}
