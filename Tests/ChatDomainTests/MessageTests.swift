import ChatDomain
import Foundation
import Testing

@Suite struct MessageTests {
    let world = World()

    /// Ada (ADMIN), Mo (MODERATOR) and Mel (MEMBER) in one group; Out in none.
    private func crew() async throws -> (ada: User, mo: User, mel: User, out: User, chat: ChatID) {
        let ada = try await world.signUp("ada")
        let mo = try await world.signUp("mo_mod")
        let mel = try await world.signUp("mel")
        let out = try await world.signUp("out")
        let chat = try await world.group(by: ada, with: [mo, mel])
        _ = try await world.participants.setRole(.moderator, of: mo.id, in: chat, by: ada.id)
        await world.events.clear()
        return (ada, mo, mel, out, chat)
    }

    @Test func sentMessagesGetConsecutiveSequenceNumbersAndAreAnnounced() async throws {
        let c = try await crew()
        let first = try await world.say("hello", in: c.chat, as: c.ada)
        world.clock.advance(by: 5)
        let second = try await world.say("hi!", in: c.chat, as: c.mel)
        #expect([first.seq, second.seq] == [1, 2])
        #expect(second.content == "hi!")
        #expect(second.kind == .text)
        #expect(second.senderID == c.mel.id)
        #expect(second.createdAt == world.clock.now())
        #expect(!second.isEdited && !second.isDeleted)
        #expect(await world.events.createdMessages == [first, second])
        #expect(try await world.chats.find(id: c.chat)?.lastActivityAt == world.clock.now())
    }

    @Test func retryWithTheSameClientMessageIDReturnsTheSameMessageAndAnnouncesItOnce() async throws {
        let c = try await crew()
        let first = try await world.send(
            SendMessageRequest(content: "once", clientMessageID: "c-1"), to: c.chat, from: c.mel.id)
        let retry = try await world.send(
            SendMessageRequest(content: "once", clientMessageID: "c-1"), to: c.chat, from: c.mel.id)
        #expect(first.created)
        #expect(!retry.created)
        #expect(retry.message == first.message)
        #expect(await world.events.createdMessages == [first.message])
        let page = try await world.readMessages.page(c.chat, for: c.mel.id, cursor: .latest, limit: nil)
        #expect(page.items == [first.message])
    }

    @Test func sameClientMessageIDFromAnotherSenderIsAnotherMessage() async throws {
        let c = try await crew()
        let mine = try await world.say("a", in: c.chat, as: c.mel, clientMessageID: "c-1")
        let theirs = try await world.say("b", in: c.chat, as: c.ada, clientMessageID: "c-1")
        #expect(mine.id != theirs.id)
        #expect(theirs.seq == 2)
    }

    @Test(arguments: [nil, "", "   \n"] as [String?])
    func emptyContentIsRefused(_ content: String?) async throws {
        let c = try await crew()
        await #expect(throws: DomainError.invalid(field: "content", reason: "must not be empty")) {
            try await world.send(SendMessageRequest(content: content), to: c.chat, from: c.mel.id)
        }
        #expect(await world.events.events.isEmpty)
    }

    @Test func overlongContentIsRefused() async throws {
        let c = try await crew()
        await #expect(throws: DomainError.invalid(field: "content", reason: "at most 10000 characters")) {
            try await world.say(String(repeating: "x", count: 10_001), in: c.chat, as: c.mel)
        }
    }

    @Test(arguments: ["", String(repeating: "c", count: 129)])
    func clientMessageIDOutside1To128CharactersIsRefused(_ clientID: String) async throws {
        let c = try await crew()
        await #expect(throws: DomainError.invalid(field: "clientMessageId", reason: "1-128 characters")) {
            try await world.say("hi", in: c.chat, as: c.mel, clientMessageID: clientID)
        }
    }

    @Test func replyToAMessageOfThisChatIsKept() async throws {
        let c = try await crew()
        let question = try await world.say("why?", in: c.chat, as: c.ada)
        let answer = try await world.send(
            SendMessageRequest(content: "because", replyToID: question.id), to: c.chat, from: c.mel.id
        ).message
        #expect(answer.replyToID == question.id)
    }

    @Test func replyToAMessageOfAnotherChatIsRefused() async throws {
        let c = try await crew()
        let elsewhere = try await world.group("Other", by: c.ada, with: [c.mel])
        let foreign = try await world.say("over here", in: elsewhere, as: c.ada)
        await #expect(throws: DomainError.invalid(field: "replyToId", reason: "no such message in this chat")) {
            try await world.send(SendMessageRequest(content: "re", replyToID: foreign.id), to: c.chat, from: c.mel.id)
        }
        #expect(try await world.chats.find(id: c.chat)?.lastSeq == 0)
    }

    @Test func nonMemberCannotSendReadOrBrowseHistory() async throws {
        let c = try await crew()
        let message = try await world.say("members only", in: c.chat, as: c.ada)
        let notMember = DomainError.forbidden("not a member of this chat")
        await #expect(throws: notMember) { try await world.say("let me in", in: c.chat, as: c.out) }
        await #expect(throws: notMember) { try await world.readMessages.one(message.id, in: c.chat, for: c.out.id) }
        await #expect(throws: notMember) {
            try await world.readMessages.page(c.chat, for: c.out.id, cursor: .latest, limit: nil)
        }
        await #expect(throws: notMember) { try await world.markRead(message.id, in: c.chat, by: c.out.id) }
        #expect(try await world.chats.find(id: c.chat)?.lastSeq == 1)
    }

    @Test func sendingToAnUnknownChatIsNotFound() async throws {
        let c = try await crew()
        await #expect(throws: DomainError.notFound("chat not found")) {
            try await world.say("hello?", in: ChatID(UUID()), as: c.ada)
        }
    }

    @Test func removedMemberCanNoLongerSend() async throws {
        let c = try await crew()
        try await world.participants.remove(c.mel.id, from: c.chat, by: c.ada.id)
        await #expect(throws: DomainError.forbidden("not a member of this chat")) {
            try await world.say("still here?", in: c.chat, as: c.mel)
        }
    }

    @Test func authorEditsAMessageWhichIsMarkedEditedAndAnnounced() async throws {
        let c = try await crew()
        let original = try await world.say("helo", in: c.chat, as: c.mel)
        world.clock.advance(by: 30)
        let edited = try await world.changeMessages.edit(original.id, in: c.chat, by: c.mel.id, content: "hello")
        #expect(edited.content == "hello")
        #expect(edited.isEdited)
        #expect(edited.editedAt == world.clock.now())
        #expect(edited.seq == original.seq)
        #expect(try await world.readMessages.one(original.id, in: c.chat, for: c.ada.id) == edited)
        #expect(await world.events.events.last == .messageEdited(edited))
    }

    @Test(arguments: ["ada", "mo_mod"])
    func onlyTheAuthorMayEditEvenAnAdminOrModeratorMayNot(_ handle: String) async throws {
        let c = try await crew()
        let original = try await world.say("mine", in: c.chat, as: c.mel)
        let other = try #require(try await world.users.find(username: handle))
        await #expect(throws: DomainError.forbidden("only the author may edit a message")) {
            try await world.changeMessages.edit(original.id, in: c.chat, by: other.id, content: "theirs")
        }
        let stored = try await world.readMessages.one(original.id, in: c.chat, for: c.mel.id)
        #expect(stored.content == "mine")
        #expect(!stored.isEdited)
    }

    @Test func editToEmptyContentIsRefused() async throws {
        let c = try await crew()
        let original = try await world.say("mine", in: c.chat, as: c.mel)
        await #expect(throws: DomainError.invalid(field: "content", reason: "must not be empty")) {
            try await world.changeMessages.edit(original.id, in: c.chat, by: c.mel.id, content: "  ")
        }
    }

    @Test func deletedMessageCannotBeEdited() async throws {
        let c = try await crew()
        let original = try await world.say("oops", in: c.chat, as: c.mel)
        _ = try await world.changeMessages.delete(original.id, in: c.chat, by: c.mel.id)
        await #expect(throws: DomainError.conflict("message was deleted")) {
            try await world.changeMessages.edit(original.id, in: c.chat, by: c.mel.id, content: "back")
        }
        #expect(try await world.readMessages.one(original.id, in: c.chat, for: c.mel.id).content == nil)
    }

    @Test(arguments: ["mel", "ada", "mo_mod"])
    func authorAdminOrModeratorDeletesLeavingATombstone(_ handle: String) async throws {
        let c = try await crew()
        let original = try await world.say("regret", in: c.chat, as: c.mel)
        let deleter = try #require(try await world.users.find(username: handle))
        world.clock.advance(by: 10)
        let tombstone = try await world.changeMessages.delete(original.id, in: c.chat, by: deleter.id)
        #expect(tombstone.content == nil)
        #expect(tombstone.isDeleted)
        #expect(tombstone.deletedAt == world.clock.now())
        #expect(tombstone.seq == original.seq)
        #expect(try await world.readMessages.one(original.id, in: c.chat, for: c.ada.id) == tombstone)
        #expect(await world.events.events.last == .messageDeleted(tombstone))
    }

    @Test func memberCannotDeleteSomeoneElsesMessage() async throws {
        let c = try await crew()
        let original = try await world.say("boss says", in: c.chat, as: c.ada)
        await #expect(throws: DomainError.forbidden("only the author, an ADMIN or a MODERATOR may delete a message")) {
            try await world.changeMessages.delete(original.id, in: c.chat, by: c.mel.id)
        }
        #expect(try await world.readMessages.one(original.id, in: c.chat, for: c.mel.id).content == "boss says")
    }

    @Test func deletingTwiceKeepsTheFirstTombstoneAndAnnouncesOnce() async throws {
        let c = try await crew()
        let original = try await world.say("gone", in: c.chat, as: c.mel)
        let first = try await world.changeMessages.delete(original.id, in: c.chat, by: c.mel.id)
        world.clock.advance(by: 10)
        let second = try await world.changeMessages.delete(original.id, in: c.chat, by: c.ada.id)
        #expect(second == first)
        let deletions = await world.events.events.filter { if case .messageDeleted = $0 { true } else { false } }
        #expect(deletions.count == 1)
    }

    @Test func messageOfAnotherChatIsNotFoundThroughThisOne() async throws {
        let c = try await crew()
        let elsewhere = try await world.group("Other", by: c.ada, with: [c.mel])
        let foreign = try await world.say("over here", in: elsewhere, as: c.mel)
        await #expect(throws: DomainError.notFound("message not found")) {
            try await world.readMessages.one(foreign.id, in: c.chat, for: c.mel.id)
        }
        await #expect(throws: DomainError.notFound("message not found")) {
            try await world.changeMessages.edit(foreign.id, in: c.chat, by: c.mel.id, content: "x")
        }
        await #expect(throws: DomainError.notFound("message not found")) {
            try await world.changeMessages.delete(foreign.id, in: c.chat, by: c.ada.id)
        }
    }
}
