import Foundation

/// Revokes sessions and makes it felt at once: the gate forgets them (their access tokens stop working)
/// and connected devices are told (`ChatEvent.sessionsRevoked`).
public struct SessionRevoker: Sendable {
    let sessions: any SessionRepository
    let gate: any SessionGate
    let events: any EventBus
    let clock: any Clock

    public init(sessions: any SessionRepository, gate: any SessionGate, events: any EventBus, clock: any Clock) {
        self.sessions = sessions
        self.gate = gate
        self.events = events
        self.clock = clock
    }

    /// Revokes these sessions. Idempotent.
    public func revoke(_ ids: [SessionID]) async throws {
        let now = clock.now()
        for id in ids { _ = try await sessions.revoke(id: id, at: now) }
        await finish(ids)
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
