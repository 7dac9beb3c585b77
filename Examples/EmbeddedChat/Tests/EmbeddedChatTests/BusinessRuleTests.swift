import ChatDomain
import ChatInMemory
import Foundation
import Testing

/// A host's business rule tested on the real use cases over in-memory ports: no database, no server, milliseconds.
@Suite struct BusinessRuleTests {
    @Test func onlyMembersSendToAGroupAndEachSendIsPublished() async throws {
        let memory = MemoryRepositories()
        let clock = ManualClock(), ids = SequentialIDGenerator(), events = MemoryEventBus()
        let (ada, bob, eve) = (user("ada", ids), user("bob", ids), user("eve", ids))
        for person in [ada, bob, eve] { try await memory.users.create(person) }
        let group = try await CreateGroupChat(chats: memory.chats, users: memory.users, events: events, clock: clock, ids: ids)(
            creator: ada.id, name: "team", participants: [bob.id])
        let send = SendMessage(
            chats: memory.chats, messages: memory.messages, files: memory.files, events: events, clock: clock, ids: ids)

        let sent = try await send(SendMessageRequest(content: "hello team"), to: group.summary.chat.id, from: bob.id)
        #expect(sent.message.seq == 1)
        await #expect(throws: DomainError.self) {
            try await send(SendMessageRequest(content: "let me in"), to: group.summary.chat.id, from: eve.id)
        }
        let page = try await memory.messages.page(of: group.summary.chat.id, from: .latest, limit: 10)
        #expect(page.items.map(\.content) == ["hello team"])
        #expect(await events.events.count == 2, "the group's creation and one message")
    }

    func user(_ name: String, _ ids: SequentialIDGenerator) -> User {
        User(id: UserID(ids.next()), email: "\(name)@example.com", username: name, name: name, passwordHash: "-",
             createdAt: Date(timeIntervalSince1970: 0))
    }
}
