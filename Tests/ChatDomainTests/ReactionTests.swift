import ChatDomain
import ChatInMemory
import Foundation
import Testing

@Suite struct ReactionTests {
    let world = World()
    let reactions: MemoryReactionRepository
    let locks = ChatLocks()

    init() { reactions = MemoryReactionRepository(store: world.store) }

    var react: React { React(chats: world.chats, reactions: reactions, events: world.events, clock: world.clock, locks: locks) }
    var unreact: Unreact { Unreact(chats: world.chats, reactions: reactions, events: world.events, locks: locks) }

    /// Ada (ADMIN) and Mel in a group with one message of Ada's; Out in no chat.
    private func scene() async throws -> (ada: User, mel: User, out: User, chat: ChatID, message: Message) {
        let ada = try await world.signUp("ada"), mel = try await world.signUp("mel"), out = try await world.signUp("out")
        let chat = try await world.group(by: ada, with: [mel])
        let message = try await world.say("lunch?", in: chat, as: ada)
        await world.events.clear()
        return (ada, mel, out, chat, message)
    }

    /// The reaction events announced, as `emoji added` texts.
    private func announced() async -> [String] {
        await world.events.events.compactMap {
            if case .reactionChanged(_, _, _, let emoji, let added, _) = $0 { "\(emoji) \(added)" } else { nil }
        }
    }

    @Test(arguments: ["", "two words", "tab\t", "line\n", "bell\u{7}", "\u{2003}", String(repeating: "👍", count: 9)])
    func aBadEmojiIsRefusedBeforeAnythingElse(_ emoji: String) async throws {
        let s = try await scene()
        let refusal = DomainError.invalid(
            field: "emoji", reason: "1-32 bytes of UTF-8 without whitespace or control characters")
        await #expect(throws: refusal) { _ = try await react(emoji, to: s.message.id, in: s.chat, by: s.out.id) }
        await #expect(throws: refusal) { _ = try await unreact(emoji, from: s.message.id, in: s.chat, by: s.out.id) }
        #expect(await announced() == [])
    }

    @Test(arguments: ["👍", "❤️", "👨‍👩‍👧‍👦", "🇺🇦", "+1", String(repeating: "👍", count: 8)])
    func anyShortTextWithoutSpacesIsAnEmoji(_ emoji: String) throws {
        #expect(try Validation.emoji(emoji) == emoji)
    }

    @Test func reactingAndUnreactingAreIdempotentAndAnnounceOnlyChanges() async throws {
        let s = try await scene()
        let first = try await react("👍", to: s.message.id, in: s.chat, by: s.mel.id)
        let again = try await react("👍", to: s.message.id, in: s.chat, by: s.mel.id)
        #expect(first == ReactionChange(reactions: [ReactionCount(emoji: "👍", count: 1)], mine: ["👍"], changed: true))
        #expect(again.reactions == first.reactions && !again.changed)
        let removed = try await unreact("👍", from: s.message.id, in: s.chat, by: s.mel.id)
        let absent = try await unreact("👍", from: s.message.id, in: s.chat, by: s.mel.id)
        #expect(removed == ReactionChange(reactions: [], mine: [], changed: true))
        #expect(!absent.changed)
        #expect(await announced() == ["👍 true", "👍 false"])
        guard case .reactionChanged(let chat, let message, let user, _, _, let summary) = await world.events.events.first else {
            Issue.record("no reaction announced")
            return
        }
        #expect(chat == s.chat && message == s.message.id && user == s.mel.id && summary == first.reactions)
    }

    @Test func onlyMembersReactAndAMissingChatOrMessageIsNotFound() async throws {
        let s = try await scene()
        await #expect(throws: DomainError.forbidden("not a member of this chat")) {
            _ = try await react("👍", to: s.message.id, in: s.chat, by: s.out.id)
        }
        await #expect(throws: DomainError.forbidden("not a member of this chat")) {
            _ = try await unreact("👍", from: s.message.id, in: s.chat, by: s.out.id)
        }
        await #expect(throws: DomainError.notFound("chat not found")) {
            _ = try await react("👍", to: s.message.id, in: ChatID(UUID()), by: s.mel.id)
        }
        await #expect(throws: DomainError.notFound("message not found")) {
            _ = try await react("👍", to: MessageID(UUID()), in: s.chat, by: s.mel.id)
        }
        #expect(await announced() == [])
    }

    @Test func aDeletedMessageIsAConflict() async throws {
        let s = try await scene()
        _ = try await world.changeMessages.delete(s.message.id, in: s.chat, by: s.ada.id)
        await #expect(throws: DomainError.conflict("message was deleted")) {
            _ = try await react("👍", to: s.message.id, in: s.chat, by: s.mel.id)
        }
        await #expect(throws: DomainError.conflict("message was deleted")) {
            _ = try await unreact("👍", from: s.message.id, in: s.chat, by: s.mel.id)
        }
    }

    @Test func myReactionsAsksOnlyAboutMessagesThatHaveReactions() async throws {
        let s = try await scene()
        _ = try await react("🔥", to: s.message.id, in: s.chat, by: s.mel.id)
        var reacted = s.message
        reacted.reactions = [ReactionCount(emoji: "🔥", count: 1)]
        let plain = try await world.say("plain", in: s.chat, as: s.ada)
        let mine = MyReactions(reactions: reactions)
        #expect(try await mine(s.mel.id, on: [reacted, plain]) == [s.message.id: ["🔥"]])
        // The stored message of the memory fake carries no summary, so the repository is not asked at all.
        #expect(try await mine(s.mel.id, on: [s.message, plain]) == [:])
        #expect(try await mine(s.mel.id, on: []) == [:])
    }
}
