import ChatDomain
import Foundation
import Testing

/// A group of four: Ada the ADMIN, Mo the MODERATOR, and two MEMBERs, Mel and Max.
struct Crew {
    let world = World()
    var ada: User!, mo: User!, mel: User!, max: User!, outsider: User!
    var chat: ChatID!

    static func make() async throws -> Crew {
        var crew = Crew()
        crew.ada = try await crew.world.signUp("ada")
        crew.mo = try await crew.world.signUp("mo_mod")
        crew.mel = try await crew.world.signUp("mel")
        crew.max = try await crew.world.signUp("max")
        crew.outsider = try await crew.world.signUp("outsider")
        crew.chat = try await crew.world.group("Crew", by: crew.ada, with: [crew.mo, crew.mel, crew.max])
        _ = try await crew.world.participants.setRole(.moderator, of: crew.mo.id, in: crew.chat, by: crew.ada.id)
        await crew.world.events.clear()
        return crew
    }

    func memberIDs() async throws -> Set<UserID> { Set(try await world.chats.members(of: chat).map(\.userID)) }
}

@Suite struct ChatRoleTests {
    static let managersOnly = DomainError.forbidden("only an ADMIN or MODERATOR may do this")
    static let adminOnly = DomainError.forbidden("only an ADMIN may do this")

    @Test func adminAndModeratorRenameTheGroup() async throws {
        let crew = try await Crew.make()
        var renamed = try await crew.world.updateChat(crew.chat, by: crew.ada.id, name: "Renamed")
        #expect(renamed.title == "Renamed")
        renamed = try await crew.world.updateChat(crew.chat, by: crew.mo.id, name: "  Again ")
        #expect(renamed.title == "Again")
        let audience = try await crew.memberIDs()
        let updates = await crew.world.events.events.compactMap { if case .chatUpdated(_, let who) = $0 { Set(who) } else { nil } }
        #expect(updates == [audience, audience])
    }

    @Test func memberCannotRenameTheGroup() async throws {
        let crew = try await Crew.make()
        await #expect(throws: Self.managersOnly) { try await crew.world.updateChat(crew.chat, by: crew.mel.id, name: "Mine") }
        #expect(try await crew.world.getChat(crew.chat, for: crew.mel.id).title == "Crew")
        #expect(await crew.world.events.events.isEmpty)
    }

    @Test func renameRefusesAnEmptyName() async throws {
        let crew = try await Crew.make()
        await #expect(throws: DomainError.invalid(field: "name", reason: "must be 1-100 characters")) {
            try await crew.world.updateChat(crew.chat, by: crew.ada.id, name: " ")
        }
    }

    @Test func nonMemberCannotSeeOrRenameTheGroup() async throws {
        let crew = try await Crew.make()
        let notMember = DomainError.forbidden("not a member of this chat")
        await #expect(throws: notMember) { try await crew.world.updateChat(crew.chat, by: crew.outsider.id, name: "X") }
        await #expect(throws: notMember) { try await crew.world.getChat(crew.chat, for: crew.outsider.id) }
        await #expect(throws: notMember) { try await crew.world.getChat.participants(of: crew.chat, for: crew.outsider.id) }
        await #expect(throws: DomainError.notFound("chat not found")) {
            try await crew.world.getChat(ChatID(UUID()), for: crew.ada.id)
        }
    }

    @Test func adminAndModeratorAddParticipantsAsMembers() async throws {
        let crew = try await Crew.make()
        let newcomer = try await crew.world.signUp("newcomer")
        let added = try await crew.world.participants.add(newcomer.id, to: crew.chat, by: crew.mo.id)
        #expect(added.role == .member)
        #expect(added.user.id == newcomer.id)
        _ = try await crew.world.participants.add(crew.outsider.id, to: crew.chat, by: crew.ada.id)
        #expect(try await crew.memberIDs().isSuperset(of: [newcomer.id, crew.outsider.id]))
        #expect(try await crew.world.getChat(crew.chat, for: newcomer.id).summary.myRole == .member)
        guard case .participantAdded(_, let profile, .member, let audience) = await crew.world.events.events.first else {
            Issue.record("no participantAdded event"); return
        }
        #expect(profile.id == newcomer.id)
        #expect(audience.contains(newcomer.id))
    }

    @Test func memberCannotAddParticipants() async throws {
        let crew = try await Crew.make()
        await #expect(throws: Self.managersOnly) {
            try await crew.world.participants.add(crew.outsider.id, to: crew.chat, by: crew.mel.id)
        }
        #expect(try await !crew.memberIDs().contains(crew.outsider.id))
    }

    @Test func addingAnExistingMemberIsAConflict() async throws {
        let crew = try await Crew.make()
        await #expect(throws: DomainError.conflict("already a member")) {
            try await crew.world.participants.add(crew.mel.id, to: crew.chat, by: crew.ada.id)
        }
        #expect(try await crew.world.role(of: crew.mel, in: crew.chat) == .member)
    }

    @Test func addingAnUnknownUserIsNotFound() async throws {
        let crew = try await Crew.make()
        await #expect(throws: DomainError.notFound("user not found")) {
            try await crew.world.participants.add(UserID(UUID()), to: crew.chat, by: crew.ada.id)
        }
    }

    @Test func moderatorRemovesAMemberButNotAnAdmin() async throws {
        let crew = try await Crew.make()
        await #expect(throws: DomainError.forbidden("a MODERATOR cannot remove an ADMIN")) {
            try await crew.world.participants.remove(crew.ada.id, from: crew.chat, by: crew.mo.id)
        }
        #expect(try await crew.world.role(of: crew.ada, in: crew.chat) == .admin)
        try await crew.world.participants.remove(crew.mel.id, from: crew.chat, by: crew.mo.id)
        #expect(try await crew.memberIDs() == [crew.ada.id, crew.mo.id, crew.max.id])
        guard case .participantRemoved(_, let removed, let audience) = await crew.world.events.events.last else {
            Issue.record("no participantRemoved event"); return
        }
        #expect(removed == crew.mel.id)
        #expect(audience.contains(crew.mel.id))
        await #expect(throws: DomainError.forbidden("not a member of this chat")) {
            try await crew.world.getChat(crew.chat, for: crew.mel.id)
        }
    }

    @Test func adminRemovesAModerator() async throws {
        let crew = try await Crew.make()
        try await crew.world.participants.remove(crew.mo.id, from: crew.chat, by: crew.ada.id)
        #expect(try await crew.world.role(of: crew.mo, in: crew.chat) == nil)
    }

    @Test func memberCannotRemoveOthers() async throws {
        let crew = try await Crew.make()
        for target in [crew.max!, crew.mo!, crew.ada!] {
            await #expect(throws: Self.managersOnly) {
                try await crew.world.participants.remove(target.id, from: crew.chat, by: crew.mel.id)
            }
        }
        #expect(try await crew.memberIDs().count == 4)
    }

    @Test func removingSomeoneWhoIsNotAMemberIsNotFound() async throws {
        let crew = try await Crew.make()
        await #expect(throws: DomainError.notFound("not a member of this chat")) {
            try await crew.world.participants.remove(crew.outsider.id, from: crew.chat, by: crew.ada.id)
        }
    }

    @Test(arguments: ["mel", "mo_mod"])
    func anyoneCanLeave(_ handle: String) async throws {
        let crew = try await Crew.make()
        let leaver = try #require(try await crew.world.users.find(username: handle))
        try await crew.world.participants.remove(leaver.id, from: crew.chat, by: leaver.id)
        #expect(try await !crew.memberIDs().contains(leaver.id))
        #expect(try await crew.world.listChats(leaver.id).isEmpty)
    }

    @Test func onlyAdminChangesRoles() async throws {
        let crew = try await Crew.make()
        await #expect(throws: Self.adminOnly) {
            try await crew.world.participants.setRole(.moderator, of: crew.mel.id, in: crew.chat, by: crew.mo.id)
        }
        await #expect(throws: Self.adminOnly) {
            try await crew.world.participants.setRole(.admin, of: crew.mel.id, in: crew.chat, by: crew.mel.id)
        }
        #expect(try await crew.world.role(of: crew.mel, in: crew.chat) == .member)
        let promoted = try await crew.world.participants.setRole(.moderator, of: crew.mel.id, in: crew.chat, by: crew.ada.id)
        #expect(promoted.role == .moderator)
        #expect(try await crew.world.role(of: crew.mel, in: crew.chat) == .moderator)
    }

    @Test func theOnlyAdminCannotStepDownByRoleChange() async throws {
        let crew = try await Crew.make()
        await #expect(throws: DomainError.conflict("a group needs at least one ADMIN")) {
            try await crew.world.participants.setRole(.member, of: crew.ada.id, in: crew.chat, by: crew.ada.id)
        }
        #expect(try await crew.world.role(of: crew.ada, in: crew.chat) == .admin)
    }

    @Test func onlyAdminDeletesTheGroup() async throws {
        let crew = try await Crew.make()
        for user in [crew.mo!, crew.mel!] {
            await #expect(throws: DomainError.forbidden("only an ADMIN may delete the chat")) {
                try await crew.world.deleteChat(crew.chat, by: user.id)
            }
        }
        #expect(try await crew.world.chats.find(id: crew.chat) != nil)
        let audience = try await crew.memberIDs()
        try await crew.world.deleteChat(crew.chat, by: crew.ada.id)
        await #expect(throws: DomainError.notFound("chat not found")) { try await crew.world.getChat(crew.chat, for: crew.ada.id) }
        guard case .chatDeleted(let deleted, let told) = await crew.world.events.events.last else {
            Issue.record("no chatDeleted event"); return
        }
        #expect(deleted == crew.chat)
        #expect(Set(told) == audience)
    }
}
