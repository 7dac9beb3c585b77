import ChatDomain
import Foundation

extension MemoryStore {
    func createSession(_ session: Session) throws {
        guard sessions[session.id] == nil else { throw DomainError.conflict("session already exists") }
        guard !sessions.values.contains(where: { $0.refreshTokenHash == session.refreshTokenHash }) else {
            throw DomainError.conflict("refresh token is taken")
        }
        guard users[session.userID] != nil else { throw DomainError.notFound("user not found") }
        sessions[session.id] = session
    }

    func session(_ id: SessionID) -> Session? { sessions[id] }

    func match(refreshTokenHash hash: String) -> RefreshTokenMatch {
        if let session = sessions.values.first(where: { $0.refreshTokenHash == hash }) { return .current(session) }
        if let id = retiredHashes[hash], let session = sessions[id] { return .retired(session) }
        return .unknown
    }

    func rotate(
        session id: SessionID, from oldHash: String, to newHash: String, at date: Date, expiresAt: Date
    ) -> Bool {
        guard var session = sessions[id], session.refreshTokenHash == oldHash, session.revokedAt == nil else {
            return false
        }
        retiredHashes[oldHash] = id
        session.refreshTokenHash = newHash
        session.lastUsedAt = date
        session.expiresAt = expiresAt
        sessions[id] = session
        return true
    }

    func revoke(session id: SessionID, at date: Date) -> Bool {
        guard sessions[id] != nil, sessions[id]?.revokedAt == nil else { return false }
        sessions[id]?.revokedAt = date
        return true
    }

    func revokeAll(user: UserID, at date: Date) -> [SessionID] {
        let ids = activeSessions(user: user, at: date).map(\.id)
        for id in ids { sessions[id]?.revokedAt = date }
        return ids
    }

    func activeSessions(user: UserID, at now: Date) -> [Session] {
        sessions.values.filter { $0.userID == user && $0.isActive(at: now) }
            .sorted { ($0.createdAt, $1.id) > ($1.createdAt, $0.id) }
    }
}
