import Foundation

/// What presence needs from storage: who shares a chat with a user, and recording when they were last seen.
public struct Presence: Sendable {
    let chats: any ChatRepository
    let users: any UserRepository
    let clock: any Clock

    /// Reads contacts from `chats` and records last-seen times in `users`, at `clock`'s time.
    public init(chats: any ChatRepository, users: any UserRepository, clock: any Clock) {
        self.chats = chats
        self.users = users
        self.clock = clock
    }

    /// The users who may see `user`'s presence: everyone sharing at least one chat with them.
    public func audience(of user: UserID) async throws -> [UserID] {
        try await chats.contacts(of: user)
    }

    /// Records that the user's last device disconnected now, and returns that moment.
    public func wentOffline(_ user: UserID) async throws -> Date {
        let now = clock.now()
        try await users.setLastSeen(user, at: now)
        return now
    }
}
