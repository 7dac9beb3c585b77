import ChatDomain
import Foundation
import Testing

@Suite struct ChatTests {
    let world = World()

    @Test func creatorOfAGroupIsItsAdminAndTheOthersAreMembers() async throws {
        let ada = try await world.signUp("ada")
        let bob = try await world.signUp("bob")
        let overview = try await world.createGroup(creator: ada.id, name: " Team ", participants: [bob.id, bob.id, ada.id])
        #expect(overview.title == "Team")
        #expect(overview.summary.myRole == .admin)
        #expect(overview.summary.participantCount == 2)
        #expect(try await world.role(of: bob, in: overview.summary.chat.id) == .member)
        #expect(await world.events.events == [.chatCreated(chat: overview.summary.chat.id, audience: [ada.id, bob.id])])
    }

    @Test func membersSeeParticipantsOldestFirstWithRolesAndWithoutEmails() async throws {
        let ada = try await world.signUp("ada")
        let bob = try await world.signUp("bob")
        let late = try await world.signUp("late")
        let chat = try await world.group(by: ada, with: [bob])
        world.clock.advance(by: 60)
        _ = try await world.participants.add(late.id, to: chat, by: ada.id)
        let participants = try await world.getChat.participants(of: chat, for: late.id)
        #expect(participants.map(\.user.id).suffix(1) == [late.id])
        #expect(Set(participants.prefix(2).map(\.user.id)) == [ada.id, bob.id])
        #expect(participants.first { $0.user.id == ada.id }?.role == .admin)
        #expect(participants.last?.joinedAt == world.clock.now())
        let json = String(decoding: try JSONEncoder().encode(participants.map(\.user)), as: UTF8.self)
        #expect(!json.contains("@example.com"))
    }

    @Test func groupWithAnUnknownParticipantIsRefused() async throws {
        let ada = try await world.signUp("ada")
        await #expect(throws: DomainError.invalid(field: "participantIds", reason: "unknown user")) {
            try await world.createGroup(creator: ada.id, name: "Team", participants: [UserID(UUID())])
        }
        #expect(try await world.listChats(ada.id).isEmpty)
    }

    @Test func lastAdminLeavingPromotesTheLongestStandingMember() async throws {
        let ada = try await world.signUp("ada")
        let early = try await world.signUp("early")
        let late = try await world.signUp("late")
        let chat = try await world.group(by: ada, with: [early])
        world.clock.advance(by: 60)
        _ = try await world.participants.add(late.id, to: chat, by: ada.id)
        try await world.participants.remove(ada.id, from: chat, by: ada.id)
        #expect(try await world.role(of: early, in: chat) == .admin)
        #expect(try await world.role(of: late, in: chat) == .member)
        #expect(try await world.getChat(chat, for: early.id).summary.myRole == .admin)
    }

    @Test func longestStandingMemberIsPromotedEvenOverAModerator() async throws {
        let ada = try await world.signUp("ada")
        let early = try await world.signUp("early")
        let late = try await world.signUp("late")
        let chat = try await world.group(by: ada, with: [early])
        world.clock.advance(by: 60)
        _ = try await world.participants.add(late.id, to: chat, by: ada.id)
        _ = try await world.participants.setRole(.moderator, of: late.id, in: chat, by: ada.id)
        try await world.participants.remove(ada.id, from: chat, by: ada.id)
        #expect(try await world.role(of: early, in: chat) == .admin)
        #expect(try await world.role(of: late, in: chat) == .moderator)
    }

    @Test func adminLeavingWhileAnotherAdminRemainsPromotesNobody() async throws {
        let ada = try await world.signUp("ada")
        let bob = try await world.signUp("bob")
        let cy = try await world.signUp("cyd")
        let chat = try await world.group(by: ada, with: [bob, cy])
        _ = try await world.participants.setRole(.admin, of: cy.id, in: chat, by: ada.id)
        try await world.participants.remove(ada.id, from: chat, by: ada.id)
        #expect(try await world.role(of: bob, in: chat) == .member)
        #expect(try await world.role(of: cy, in: chat) == .admin)
    }

    @Test func lastMemberLeavingDeletesTheGroup() async throws {
        let ada = try await world.signUp("ada")
        let chat = try await world.group(by: ada)
        try await world.participants.remove(ada.id, from: chat, by: ada.id)
        #expect(try await world.chats.find(id: chat) == nil)
    }

    @Test func directChatIsOnePerPairWhicheverSideAsks() async throws {
        let ann = try await world.signUp("ann", name: "Ann")
        let ben = try await world.signUp("ben", name: "Ben")
        let first = try await world.openDirect(ann.id, with: ben.id)
        let second = try await world.openDirect(ben.id, with: ann.id)
        let third = try await world.openDirect(ann.id, with: ben.id)
        #expect(first.created)
        #expect(!second.created && !third.created)
        #expect(second.chat.summary.chat.id == first.chat.summary.chat.id)
        #expect(third.chat.summary.chat.id == first.chat.summary.chat.id)
        #expect(first.chat.summary.chat.kind == .direct)
        #expect(first.chat.summary.participantCount == 2)
        #expect(first.chat.title == "Ben")
        #expect(second.chat.title == "Ann")
        #expect(await world.events.events.count == 1)
        #expect(try await world.listChats(ann.id).count == 1)
    }

    @Test func directChatWithYourselfIsRefused() async throws {
        let ann = try await world.signUp("ann")
        await #expect(throws: DomainError.invalid(field: "userId", reason: "cannot chat with yourself")) {
            try await world.openDirect(ann.id, with: ann.id)
        }
        #expect(try await world.listChats(ann.id).isEmpty)
    }

    @Test func directChatWithAnUnknownUserIsNotFound() async throws {
        let ann = try await world.signUp("ann")
        await #expect(throws: DomainError.notFound("user not found")) {
            try await world.openDirect(ann.id, with: UserID(UUID()))
        }
    }

    @Test func directChatsCannotBeManaged() async throws {
        let ann = try await world.signUp("ann")
        let ben = try await world.signUp("ben")
        let cy = try await world.signUp("cyd")
        let chat = try await world.openDirect(ann.id, with: ben.id).chat.summary.chat.id
        let unmanaged = DomainError.forbidden("direct chats cannot be managed")
        await #expect(throws: unmanaged) { try await world.updateChat(chat, by: ann.id, name: "Ours") }
        await #expect(throws: unmanaged) { try await world.participants.add(cy.id, to: chat, by: ann.id) }
        await #expect(throws: unmanaged) { try await world.participants.setRole(.admin, of: ann.id, in: chat, by: ann.id) }
        await #expect(throws: DomainError.forbidden("direct chats cannot be left; delete it instead")) {
            try await world.participants.remove(ben.id, from: chat, by: ann.id)
        }
        #expect(try await world.chats.members(of: chat).map(\.userID).sorted() == [ann.id, ben.id].sorted())
    }

    @Test func eitherMemberMayDeleteADirectChat() async throws {
        let ann = try await world.signUp("ann")
        let ben = try await world.signUp("ben")
        let chat = try await world.openDirect(ann.id, with: ben.id).chat.summary.chat.id
        try await world.deleteChat(chat, by: ben.id)
        #expect(try await world.listChats(ann.id).isEmpty)
    }

    @Test func chatListShowsOnlyMyChatsNewestActivityFirst() async throws {
        let ann = try await world.signUp("ann")
        let ben = try await world.signUp("ben")
        let cy = try await world.signUp("cyd")
        let quiet = try await world.group("Quiet", by: ann, with: [ben])
        world.clock.advance(by: 10)
        let busy = try await world.group("Busy", by: ben, with: [ann])
        world.clock.advance(by: 10)
        _ = try await world.group("Not mine", by: ben, with: [cy])
        world.clock.advance(by: 10)
        try await world.say("wake up", in: quiet, as: ben)
        let list = try await world.listChats(ann.id)
        #expect(list.map(\.summary.chat.id) == [quiet, busy])
        #expect(list.map(\.summary.myRole) == [.admin, .member])
        #expect(list[0].summary.lastMessage?.content == "wake up")
        #expect(list[0].summary.unreadCount == 1)
    }
}
