/// One lock per chat, granted in the order it was asked for. `SendMessage` holds a chat's lock from storing a message
/// to announcing it, so a chat's new messages are announced in `seq` order even when many are sent at once;
/// different chats never wait for each other. A chat's entry is dropped as soon as nobody holds or awaits it.
public actor ChatLocks {
    /// The chats whose lock is held, each with the callers waiting for it, first come first served.
    private var waiting: [ChatID: [CheckedContinuation<Void, Never>]] = [:]

    /// Locks with none held.
    public init() {}

    /// Runs `body` holding `chat`'s lock, and releases it whether `body` returns or throws.
    public nonisolated func withLock<T: Sendable>(_ chat: ChatID, _ body: () async throws -> T) async throws -> T {
        await acquire(chat)
        do {
            let result = try await body()
            await release(chat)
            return result
        } catch {
            await release(chat)
            throw error
        }
    }

    private func acquire(_ chat: ChatID) async {
        guard waiting[chat] != nil else {
            waiting[chat] = []
            return
        }
        await withCheckedContinuation { waiting[chat, default: []].append($0) }
    }

    private func release(_ chat: ChatID) {
        guard var queue = waiting[chat], !queue.isEmpty else {
            waiting[chat] = nil
            return
        }
        let next = queue.removeFirst()
        waiting[chat] = queue
        next.resume()
    }
}
