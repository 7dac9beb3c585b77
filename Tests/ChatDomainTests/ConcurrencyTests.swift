import ChatDomain
import Foundation
import Testing

/// The rules that must hold when the same request arrives many times at once (retries, several devices).
@Suite struct ConcurrencyTests {
    let world = World()

    @Test func concurrentDirectChatRequestsFromBothSidesCreateOneChat() async throws {
        let ann = try await world.signUp("ann")
        let ben = try await world.signUp("ben")
        let results = try await withThrowingTaskGroup(of: (ChatID, Bool).self) { group in
            for n in 0..<10 {
                let (me, other) = n.isMultiple(of: 2) ? (ann.id, ben.id) : (ben.id, ann.id)
                group.addTask {
                    let opened = try await world.openDirect(me, with: other)
                    return (opened.chat.summary.chat.id, opened.created)
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(Set(results.map(\.0)).count == 1)
        #expect(results.filter(\.1).count == 1)
        #expect(await world.events.events.count == 1)
    }

    @Test func concurrentRetriesWithTheSameClientMessageIDStoreOneMessage() async throws {
        let ann = try await world.signUp("ann")
        let chat = try await world.group(by: ann)
        let results = try await withThrowingTaskGroup(of: (message: Message, created: Bool).self) { group in
            for _ in 0..<10 {
                group.addTask {
                    try await world.send(SendMessageRequest(content: "once", clientMessageID: "retry-me"), to: chat, from: ann.id)
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(Set(results.map(\.message.id)).count == 1)
        #expect(results.filter(\.created).count == 1)
        #expect(await world.events.createdMessages.count == 1)
        #expect(try await world.chats.find(id: chat)?.lastSeq == 1)
    }

    @Test func concurrentSendsGetDistinctConsecutiveSequenceNumbers() async throws {
        let ann = try await world.signUp("ann")
        let chat = try await world.group(by: ann)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for n in 1...20 { group.addTask { try await world.say("m\(n)", in: chat, as: ann) } }
            try await group.waitForAll()
        }
        let page = try await world.readMessages.page(chat, for: ann.id, cursor: .latest, limit: 100)
        #expect(page.items.map(\.seq) == Array(1...20))
        #expect(Set(page.items.compactMap(\.content)).count == 20)
    }

    @Test func concurrentReadsLeaveThePointerAtTheNewestMessage() async throws {
        let ann = try await world.signUp("ann")
        let ben = try await world.signUp("ben")
        let chat = try await world.group(by: ann, with: [ben])
        var sent: [Message] = []
        for n in 1...10 { sent.append(try await world.say("m\(n)", in: chat, as: ann)) }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for message in sent.shuffled() {
                group.addTask { _ = try await world.markRead(message.id, in: chat, by: ben.id) }
            }
            try await group.waitForAll()
        }
        #expect(try await world.chats.membership(chat: chat, user: ben.id)?.lastReadSeq == 10)
        #expect(try await world.getChat(chat, for: ben.id).summary.unreadCount == 0)
    }
}
