import ChatDomain
import Foundation
import Testing

@Suite struct ReadPointerTests {
    let world = World()

    private func pair() async throws -> (ada: User, mel: User, chat: ChatID) {
        let ada = try await world.signUp("ada")
        let mel = try await world.signUp("mel")
        return (ada, mel, try await world.group(by: ada, with: [mel]))
    }

    @Test func markingAMessageReadMovesThePointerAndAnnouncesIt() async throws {
        let p = try await pair()
        let first = try await world.say("one", in: p.chat, as: p.ada)
        try await world.say("two", in: p.chat, as: p.ada)
        let result = try await world.markRead(first.id, in: p.chat, by: p.mel.id)
        #expect(result.lastReadSeq == 1)
        #expect(result.unreadCount == 1)
        #expect(await world.events.events.last == .messageRead(chat: p.chat, user: p.mel.id, message: first.id, seq: 1))
    }

    @Test func markingAnOlderMessageKeepsThePointerAndAnnouncesNothing() async throws {
        let p = try await pair()
        let first = try await world.say("one", in: p.chat, as: p.ada)
        let second = try await world.say("two", in: p.chat, as: p.ada)
        _ = try await world.markRead(second.id, in: p.chat, by: p.mel.id)
        await world.events.clear()
        let result = try await world.markRead(first.id, in: p.chat, by: p.mel.id)
        #expect(result.lastReadSeq == 2)
        #expect(result.unreadCount == 0)
        #expect(try await world.chats.membership(chat: p.chat, user: p.mel.id)?.lastReadSeq == 2)
        #expect(await world.events.events.isEmpty)
    }

    @Test func markingTheSameMessageTwiceAnnouncesOnce() async throws {
        let p = try await pair()
        let only = try await world.say("one", in: p.chat, as: p.ada)
        _ = try await world.markRead(only.id, in: p.chat, by: p.mel.id)
        _ = try await world.markRead(only.id, in: p.chat, by: p.mel.id)
        let reads = await world.events.events.filter { if case .messageRead = $0 { true } else { false } }
        #expect(reads.count == 1)
    }

    @Test func unreadCountsOthersUndeletedMessagesAfterMyPointer() async throws {
        let p = try await pair()
        let first = try await world.say("one", in: p.chat, as: p.ada)
        try await world.say("two", in: p.chat, as: p.ada)
        let doomed = try await world.say("three", in: p.chat, as: p.ada)
        try await world.say("my own", in: p.chat, as: p.mel)
        try await world.say("four", in: p.chat, as: p.ada)
        _ = try await world.changeMessages.delete(doomed.id, in: p.chat, by: p.ada.id)
        #expect(try await world.getChat(p.chat, for: p.mel.id).summary.unreadCount == 3)
        #expect(try await world.markRead(first.id, in: p.chat, by: p.mel.id).unreadCount == 2)
        #expect(try await world.listChats(p.mel.id).first?.summary.unreadCount == 2)
        // The sender has nothing unread: all but one message are hers, and that one is mine.
        #expect(try await world.getChat(p.chat, for: p.ada.id).summary.unreadCount == 1)
    }

    @Test func markingAMessageOfAnotherChatIsNotFound() async throws {
        let p = try await pair()
        let other = try await world.group("Other", by: p.ada, with: [p.mel])
        let foreign = try await world.say("there", in: other, as: p.ada)
        await #expect(throws: DomainError.notFound("message not found")) {
            try await world.markRead(foreign.id, in: p.chat, by: p.mel.id)
        }
        #expect(try await world.chats.membership(chat: p.chat, user: p.mel.id)?.lastReadSeq == 0)
    }

    @Test func typingIsAnnouncedToMembersOnly() async throws {
        let p = try await pair()
        let out = try await world.signUp("out")
        try await world.typing(p.chat, by: p.mel.id, isTyping: true)
        #expect(await world.events.events.last == .typing(chat: p.chat, user: p.mel.id, isTyping: true))
        await world.events.clear()
        await #expect(throws: DomainError.forbidden("not a member of this chat")) {
            try await world.typing(p.chat, by: out.id, isTyping: true)
        }
        #expect(await world.events.events.isEmpty)
    }
}
