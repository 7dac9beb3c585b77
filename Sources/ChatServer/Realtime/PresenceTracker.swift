import ChatDomain

/// Counts each user's connected sockets on this node: online while any device is connected.
actor PresenceTracker {
    private var sockets: [UserID: Int] = [:]

    /// Counts a new socket; true when it is the user's first (they just came online).
    func connected(_ user: UserID) -> Bool {
        sockets[user, default: 0] += 1
        return sockets[user] == 1
    }

    /// Counts a closed socket; true when it was the user's last (they just went offline).
    func disconnected(_ user: UserID) -> Bool {
        let remaining = (sockets[user] ?? 1) - 1
        sockets[user] = remaining > 0 ? remaining : nil
        return remaining <= 0
    }

    /// True while the user has a connected socket.
    func isOnline(_ user: UserID) -> Bool { sockets[user] != nil }
}
