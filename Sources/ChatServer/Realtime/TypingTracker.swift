import ChatDomain
import Foundation

/// Ends typing by itself: when `message:stop_typing` does not come within `timeout` of the last
/// `message:typing`, announces the stop on the member's behalf.
actor TypingTracker {
    private struct Key: Hashable {
        let chat: ChatID
        let user: UserID
    }

    private let timeout: Duration
    private let events: any EventBus
    private var generations: [Key: Int] = [:]

    init(timeout: Duration = .seconds(5), events: any EventBus) {
        self.timeout = timeout
        self.events = events
    }

    /// The member is typing: (re)starts the expiry.
    func started(chat: ChatID, user: UserID) {
        let key = Key(chat: chat, user: user)
        let generation = (generations[key] ?? 0) + 1
        generations[key] = generation
        let timeout = timeout
        Task { [weak self] in
            try? await Task.sleep(for: timeout)
            await self?.expire(key, generation: generation)
        }
    }

    /// The member stopped typing: no expiry will be announced.
    func stopped(chat: ChatID, user: UserID) {
        generations[Key(chat: chat, user: user)] = nil
    }

    private func expire(_ key: Key, generation: Int) async {
        guard generations[key] == generation else { return }
        generations[key] = nil
        await events.publish(.typing(chat: key.chat, user: key.user, isTyping: false))
    }
}
