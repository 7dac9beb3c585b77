import ChatDomain
import Foundation
import Testing

/// New messages are announced in `seq` order, even when many are sent to one chat at once and announcing takes a
/// different time each time.
@Suite struct MessageOrderTests {
    let world = World()

    /// Takes 0–3 ms to announce each event (as fan-out to many sockets does), then records it.
    actor UnevenEventBus: EventBus {
        private(set) var announcedSeqs: [ChatID: [Int64]] = [:]

        nonisolated func publish(_ event: ChatEvent) async {
            try? await Task.sleep(for: .microseconds(Int.random(in: 0...3000)))
            await record(event)
        }

        private func record(_ event: ChatEvent) {
            if case .messageCreated(let message) = event { announcedSeqs[message.chatID, default: []].append(message.seq) }
        }
    }

    @Test func concurrentSendsToOneChatAreAnnouncedInSeqOrder() async throws {
        let ann = try await world.signUp("ann")
        let ben = try await world.signUp("ben")
        let first = try await world.group("first", by: ann, with: [ben])
        let second = try await world.group("second", by: ben, with: [ann])
        let events = UnevenEventBus()
        let send = SendMessage(
            chats: world.chats, messages: world.messages, files: world.files, events: events, clock: world.clock, ids: world.ids)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for n in 0..<60 {
                let (chat, sender) = n.isMultiple(of: 3) ? (second, ben.id) : (first, n.isMultiple(of: 2) ? ann.id : ben.id)
                group.addTask { _ = try await send(SendMessageRequest(content: "m\(n)"), to: chat, from: sender) }
            }
            try await group.waitForAll()
        }
        let announced = await events.announcedSeqs
        #expect(announced[first] == Array(1...40))
        #expect(announced[second] == Array(1...20))
    }
}
