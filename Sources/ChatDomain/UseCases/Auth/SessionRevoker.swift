import Foundation

/// Revokes sessions and makes it felt at once: the gate forgets them (their access tokens stop working)
/// and connected devices are told (`ChatEvent.sessionsRevoked`).
public struct SessionRevoker: Sendable {
    let sessions: any SessionRepository
    let gate: any SessionGate
    let events: any EventBus
    let clock: any Clock

    /// Marks sessions revoked in `sessions` at `clock`'s time, then tells `gate` and announces them on `events`.
    public init(sessions: any SessionRepository, gate: any SessionGate, events: any EventBus, clock: any Clock) {
        self.sessions = sessions
        self.gate = gate
        self.events = events
        self.clock = clock
    }

    /// Revokes these sessions. Idempotent: sessions already revoked are not announced again.
    public func revoke(_ ids: [SessionID]) async throws {
        let now = clock.now()
        var revoked: [SessionID] = []
        for id in ids where try await sessions.revoke(id: id, at: now) { revoked.append(id) }
        await finish(revoked)
    }

    /// Revokes every active session of the user and returns their ids.
    @discardableResult
    public func revokeAll(of user: UserID) async throws -> [SessionID] {
        let ids = try await sessions.revokeAll(user: user, at: clock.now())
        await finish(ids)
        return ids
    }

    private func finish(_ ids: [SessionID]) async {
        guard !ids.isEmpty else { return }
        await gate.invalidate(ids)
        await events.publish(.sessionsRevoked(ids))
    }
}
