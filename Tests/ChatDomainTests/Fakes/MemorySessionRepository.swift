import ChatDomain
import Foundation

/// Device sessions in memory, with retired refresh token hashes kept for reuse detection.
actor MemorySessionRepository: SessionRepository {
    private var sessions: [SessionID: Session] = [:]
    private var retiredHashes: [String: SessionID] = [:]

    func create(_ session: Session) throws {
        guard sessions[session.id] == nil else { throw DomainError.conflict("session already exists") }
        sessions[session.id] = session
    }

    func find(id: SessionID) -> Session? { sessions[id] }

    func match(refreshTokenHash: String) -> RefreshTokenMatch {
        if let session = sessions.values.first(where: { $0.refreshTokenHash == refreshTokenHash }) {
            return .current(session)
        }
        if let id = retiredHashes[refreshTokenHash], let session = sessions[id] { return .retired(session) }
        return .unknown
    }

    func rotate(session id: SessionID, from oldHash: String, to newHash: String, at date: Date, expiresAt: Date) -> Bool {
        guard var session = sessions[id], session.refreshTokenHash == oldHash else { return false }
        retiredHashes[oldHash] = id
        session.refreshTokenHash = newHash
        session.lastUsedAt = date
        session.expiresAt = expiresAt
        sessions[id] = session
        return true
    }

    func revoke(id: SessionID, at date: Date) -> Bool {
        guard var session = sessions[id], session.revokedAt == nil else { return false }
        session.revokedAt = date
        sessions[id] = session
        return true
    }

    func revokeAll(user: UserID, at date: Date) -> [SessionID] {
        let ids = active(user: user, at: date).map(\.id)
        for id in ids { sessions[id]?.revokedAt = date }
        return ids
    }

    func active(user: UserID, at now: Date) -> [Session] {
        sessions.values.filter { $0.userID == user && $0.isActive(at: now) }.sorted { $0.createdAt > $1.createdAt }
    }
}
