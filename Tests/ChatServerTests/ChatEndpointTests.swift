import Foundation
import HTTPTypes
import Testing

@Suite("Chat endpoints")
struct ChatEndpointTests {
    @Test func groupCreatorIsAdminAndOnlyMembersSeeTheChat() async throws {
        try await withServer { api in
            let alice = try await api.account("alice"), bob = try await api.account("bob"), eve = try await api.account("eve")
            let created = try await api.send(.post, "/chats", json: ["name": "Team", "participantIds": [bob.id]], token: alice.token)
            #expect(created.status == .created)
            #expect(created.object["type"] as? String == "GROUP")
            #expect(created.object["myRole"] as? String == "ADMIN")
            #expect(created.object["participantCount"] as? Int == 2)
            let chatID = try #require(created.object["id"] as? String)
            let participants = created.object["participants"] as? [[String: Any]] ?? []
            #expect(participants.count == 2)
            #expect(!created.text.contains("@example.com"))

            #expect(try await api.send(.get, "/chats/\(chatID)", token: bob.token).object["myRole"] as? String == "MEMBER")
            let stranger = try await api.send(.get, "/chats/\(chatID)", token: eve.token)
            #expect(stranger.status == .forbidden)
            #expect(stranger.errorCode == "FORBIDDEN")
            #expect(try await api.send(.get, "/chats", token: eve.token).array.isEmpty)
            #expect(try await api.send(.get, "/chats/\(UUID())", token: alice.token).status == .notFound)
        }
    }

    @Test func directChatIsOneChatPerPairWhicheverSideAsks() async throws {
        try await withServer { api in
            let alice = try await api.account("alice"), bob = try await api.account("bob")
            let first = try await api.send(.post, "/chats/private", json: ["userId": bob.id], token: alice.token)
            #expect(first.status == .created)
            #expect(first.object["type"] as? String == "DIRECT")
            #expect(first.object["name"] as? String == "Bob")
            let second = try await api.send(.post, "/chats/private", json: ["userId": alice.id], token: bob.token)
            #expect(second.status == .ok)
            #expect(second.object["id"] as? String == first.object["id"] as? String)
            #expect(second.object["name"] as? String == "Alice")
            #expect(try await api.send(.post, "/chats/private", json: ["userId": alice.id], token: alice.token).status == .badRequest)
            #expect(try await api.send(.post, "/chats/private", json: ["userId": UUID().uuidString], token: alice.token).status == .notFound)
        }
    }

    @Test func rolesGovernRenamingMembersAndDeletion() async throws {
        try await withServer { api in
            let alice = try await api.account("alice"), bob = try await api.account("bob")
            let carol = try await api.account("carol"), dave = try await api.account("dave")
            let chat = try await api.send(
                .post, "/chats", json: ["name": "Team", "participantIds": [bob.id, carol.id]], token: alice.token)
            let id = try #require(chat.object["id"] as? String)

            #expect(try await api.send(.patch, "/chats/\(id)", json: ["name": "Mine"], token: bob.token).status == .forbidden)
            #expect(try await api.send(.post, "/chats/\(id)/participants", json: ["userId": dave.id], token: bob.token).status == .forbidden)
            #expect(try await api.send(.patch, "/chats/\(id)/participants/\(bob.id)/role", json: ["role": "MODERATOR"], token: bob.token).status == .forbidden)

            let promoted = try await api.send(.patch, "/chats/\(id)/participants/\(bob.id)/role", json: ["role": "MODERATOR"], token: alice.token)
            #expect(promoted.status == .ok)
            #expect(promoted.object["role"] as? String == "MODERATOR")
            let renamed = try await api.send(.patch, "/chats/\(id)", json: ["name": "Renamed"], token: bob.token)
            #expect(renamed.status == .ok)
            #expect(renamed.object["name"] as? String == "Renamed")
            #expect(try await api.send(.post, "/chats/\(id)/participants", json: ["userId": dave.id], token: bob.token).status == .created)
            #expect(try await api.send(.post, "/chats/\(id)/participants", json: ["userId": dave.id], token: bob.token).status == .conflict)
            #expect(try await api.send(.delete, "/chats/\(id)/participants/\(alice.id)", token: bob.token).status == .forbidden)
            #expect(try await api.send(.delete, "/chats/\(id)/participants/\(dave.id)", token: bob.token).status == .noContent)
            #expect(try await api.send(.patch, "/chats/\(id)/participants/\(carol.id)/role", json: ["role": "ADMIN"], token: bob.token).status == .forbidden)
            #expect(try await api.send(.patch, "/chats/\(id)/participants/\(carol.id)/role", json: ["role": "OWNER"], token: alice.token).status == .badRequest)
            #expect(try await api.send(.delete, "/chats/\(id)", token: bob.token).status == .forbidden)
            #expect(try await api.send(.delete, "/chats/\(id)", token: alice.token).status == .noContent)
            #expect(try await api.send(.get, "/chats/\(id)", token: alice.token).status == .notFound)
        }
    }

    @Test func whenTheLastAdminLeavesTheLongestStandingMemberBecomesAdmin() async throws {
        try await withServer { api in
            let alice = try await api.account("alice"), bob = try await api.account("bob")
            let chat = try await api.send(.post, "/chats", json: ["name": "Team", "participantIds": [bob.id]], token: alice.token)
            let id = try #require(chat.object["id"] as? String)
            #expect(try await api.send(.delete, "/chats/\(id)/participants/\(alice.id)", token: alice.token).status == .noContent)
            #expect(try await api.send(.get, "/chats/\(id)", token: bob.token).object["myRole"] as? String == "ADMIN")
            #expect(try await api.send(.get, "/chats/\(id)", token: alice.token).status == .forbidden)
        }
    }

    @Test func directChatsCannotBeManaged() async throws {
        try await withServer { api in
            let alice = try await api.account("alice"), bob = try await api.account("bob"), carol = try await api.account("carol")
            let chat = try await api.send(.post, "/chats/private", json: ["userId": bob.id], token: alice.token)
            let id = try #require(chat.object["id"] as? String)
            #expect(try await api.send(.post, "/chats/\(id)/participants", json: ["userId": carol.id], token: alice.token).status == .forbidden)
            #expect(try await api.send(.patch, "/chats/\(id)", json: ["name": "x"], token: alice.token).status == .forbidden)
        }
    }

    @Test func usersEndpointsShowPublicProfilesOnly() async throws {
        try await withServer { api in
            let alice = try await api.account("alice"), bob = try await api.account("bob")
            let me = try await api.send(.get, "/users/me", token: alice.token)
            #expect(me.object["email"] as? String == "alice@example.com")
            let other = try await api.send(.get, "/users/\(bob.id)", token: alice.token)
            #expect(other.status == .ok)
            #expect(other.object["email"] == nil)
            #expect(other.object["username"] as? String == "bob")
            #expect(!other.text.contains("password"))

            let search = try await api.send(.get, "/users/search?q=B&limit=5", token: alice.token)
            #expect((search.object["items"] as? [[String: Any]])?.map { $0["username"] as? String } == ["bob"])
            #expect(!search.text.contains("@example.com"))
            #expect(try await api.send(.get, "/users/check-username/bob", token: alice.token).object["available"] as? Bool == false)
            #expect(try await api.send(.get, "/users/check-username/newname", token: alice.token).object["available"] as? Bool == true)
            #expect(try await api.send(.get, "/users/check-username/x", token: alice.token).status == .badRequest)

            let patched = try await api.send(.patch, "/users/me", json: ["name": "Alice L", "username": "alice.l", "email": "hack@x.io"], token: alice.token)
            #expect(patched.status == .ok)
            #expect(patched.object["username"] as? String == "alice.l")
            #expect(patched.object["email"] as? String == "alice@example.com")
            #expect(try await api.send(.patch, "/users/me", json: ["username": "bob"], token: alice.token).status == .conflict)
        }
    }

    @Test func userSearchPagesWithACursor() async throws {
        try await withServer { api in
            let me = try await api.account("searcher")
            for name in ["sam1", "sam2", "sam3"] { _ = try await api.account(name) }
            let first = try await api.send(.get, "/users/search?q=sam&limit=2", token: me.token)
            let cursor = try #require(first.object["nextCursor"] as? String)
            #expect((first.object["items"] as? [[String: Any]])?.count == 2)
            let second = try await api.send(.get, "/users/search?q=sam&limit=2&cursor=\(cursor)", token: me.token)
            #expect((second.object["items"] as? [[String: Any]])?.map { $0["username"] as? String } == ["sam3"])
            #expect(second.object["nextCursor"] is NSNull)
        }
    }
}
