import Foundation
import HTTPTypes
import Testing

@Suite("Message endpoints")
struct MessageEndpointTests {
    /// Alice and Bob in a group; returns their accounts and the chat id.
    func pair(_ api: API) async throws -> (Account, Account, String) {
        let alice = try await api.account("alice"), bob = try await api.account("bob")
        let chat = try await api.send(.post, "/chats", json: ["name": "Team", "participantIds": [bob.id]], token: alice.token)
        return (alice, bob, try #require(chat.object["id"] as? String))
    }

    @Test func messagesGetSequenceNumbersAndPageByCursor() async throws {
        try await withServer { api in
            let (alice, bob, chat) = try await pair(api)
            for index in 1...7 {
                let sent = try await api.send(
                    .post, "/chats/\(chat)/messages", json: ["content": "m\(index)"], token: index.isMultiple(of: 2) ? bob.token : alice.token)
                #expect(sent.status == .created)
                #expect(sent.object["seq"] as? Int == index)
                #expect(sent.object["type"] as? String == "TEXT")
                #expect(sent.object["isDeleted"] as? Bool == false)
            }
            let latest = try await api.send(.get, "/chats/\(chat)/messages?limit=3", token: alice.token)
            #expect((latest.object["items"] as? [[String: Any]])?.compactMap { $0["seq"] as? Int } == [5, 6, 7])
            #expect(latest.object["hasMore"] as? Bool == true)
            let before = try await api.send(.get, "/chats/\(chat)/messages?before=5&limit=3", token: alice.token)
            #expect((before.object["items"] as? [[String: Any]])?.compactMap { $0["seq"] as? Int } == [2, 3, 4])
            #expect(before.object["hasMore"] as? Bool == true)
            let oldest = try await api.send(.get, "/chats/\(chat)/messages?before=2", token: alice.token)
            #expect((oldest.object["items"] as? [[String: Any]])?.compactMap { $0["seq"] as? Int } == [1])
            #expect(oldest.object["hasMore"] as? Bool == false)
            let after = try await api.send(.get, "/chats/\(chat)/messages?after=5", token: bob.token)
            #expect((after.object["items"] as? [[String: Any]])?.compactMap { $0["seq"] as? Int } == [6, 7])
            #expect(after.object["hasMore"] as? Bool == false)
            #expect(try await api.send(.get, "/chats/\(chat)/messages?limit=101", token: bob.token).status == .badRequest)
            #expect(try await api.send(.get, "/chats/\(chat)/messages?limit=ten", token: bob.token).status == .badRequest)
        }
    }

    @Test func aRetryWithTheSameClientMessageIdReturnsTheSameMessage() async throws {
        try await withServer { api in
            let (alice, _, chat) = try await pair(api)
            let first = try await api.send(.post, "/chats/\(chat)/messages", json: ["content": "hi", "clientMessageId": "c-1"], token: alice.token)
            let retry = try await api.send(.post, "/chats/\(chat)/messages", json: ["content": "hi", "clientMessageId": "c-1"], token: alice.token)
            #expect(first.status == .created)
            #expect(retry.status == .ok)
            #expect(retry.object["id"] as? String == first.object["id"] as? String)
            let page = try await api.send(.get, "/chats/\(chat)/messages", token: alice.token)
            #expect((page.object["items"] as? [[String: Any]])?.count == 1)
        }
    }

    @Test func onlyTheAuthorEditsAndDeleteLeavesATombstone() async throws {
        try await withServer { api in
            let (alice, bob, chat) = try await pair(api)
            let sent = try await api.send(.post, "/chats/\(chat)/messages", json: ["content": "hello"], token: bob.token)
            let id = try #require(sent.object["id"] as? String)
            let foreign = try await api.send(.patch, "/chats/\(chat)/messages/\(id)", json: ["content": "hacked"], token: alice.token)
            #expect(foreign.status == .forbidden)
            let edited = try await api.send(.patch, "/chats/\(chat)/messages/\(id)", json: ["content": "hello!"], token: bob.token)
            #expect(edited.object["content"] as? String == "hello!")
            #expect(edited.object["isEdited"] as? Bool == true)
            #expect(edited.object["editedAt"] is String)

            let mine = try await api.send(.post, "/chats/\(chat)/messages", json: ["content": "bob's"], token: bob.token)
            let mineID = try #require(mine.object["id"] as? String)
            let carol = try await api.account("carol")
            #expect(try await api.send(.delete, "/chats/\(chat)/messages/\(mineID)", token: carol.token).status == .forbidden)
            // Alice is the group's ADMIN, so she may delete Bob's message.
            let deleted = try await api.send(.delete, "/chats/\(chat)/messages/\(mineID)", token: alice.token)
            #expect(deleted.status == .ok)
            #expect(deleted.object["isDeleted"] as? Bool == true)
            #expect(deleted.object["content"] is NSNull)
            #expect(deleted.object["deletedAt"] is String)
            let fetched = try await api.send(.get, "/chats/\(chat)/messages/\(mineID)", token: bob.token)
            #expect(fetched.object["isDeleted"] as? Bool == true)
            #expect(fetched.object["content"] is NSNull)
            #expect(try await api.send(.patch, "/chats/\(chat)/messages/\(mineID)", json: ["content": "x"], token: bob.token).status == .conflict)
        }
    }

    @Test func readingMovesThePointerForwardAndTheUnreadCountDrops() async throws {
        try await withServer { api in
            let (alice, bob, chat) = try await pair(api)
            var ids: [String] = []
            for index in 1...3 {
                let sent = try await api.send(.post, "/chats/\(chat)/messages", json: ["content": "m\(index)"], token: alice.token)
                ids.append(try #require(sent.object["id"] as? String))
            }
            _ = try await api.send(.post, "/chats/\(chat)/messages", json: ["content": "mine"], token: bob.token)
            func unread() async throws -> Int? {
                try await api.send(.get, "/chats", token: bob.token).array.first { $0["id"] as? String == chat }?["unreadCount"] as? Int
            }
            #expect(try await unread() == 3)
            let read = try await api.send(.post, "/chats/\(chat)/messages/\(ids[1])/read", token: bob.token)
            #expect(read.status == .ok)
            #expect(read.object["lastReadSeq"] as? Int == 2)
            #expect(read.object["unreadCount"] as? Int == 1)
            #expect(try await unread() == 1)
            let backwards = try await api.send(.post, "/chats/\(chat)/messages/\(ids[0])/read", token: bob.token)
            #expect(backwards.object["lastReadSeq"] as? Int == 2)
            #expect(try await unread() == 1)
            _ = try await api.send(.delete, "/chats/\(chat)/messages/\(ids[2])", token: alice.token)
            #expect(try await unread() == 0)
            let list = try await api.send(.get, "/chats", token: bob.token)
            #expect((list.array.first?["lastMessage"] as? [String: Any])?["content"] as? String == "mine")
        }
    }

    @Test func nonMembersCannotReadOrSend() async throws {
        try await withServer { api in
            let (_, _, chat) = try await pair(api)
            let eve = try await api.account("eve")
            #expect(try await api.send(.get, "/chats/\(chat)/messages", token: eve.token).status == .forbidden)
            let send = try await api.send(.post, "/chats/\(chat)/messages", json: ["content": "hi"], token: eve.token)
            #expect(send.status == .forbidden)
            #expect(send.errorCode == "FORBIDDEN")
        }
    }

    @Test func repliesMustPointIntoTheSameChat() async throws {
        try await withServer { api in
            let (alice, bob, chat) = try await pair(api)
            let other = try await api.send(.post, "/chats/private", json: ["userId": bob.id], token: alice.token)
            let otherID = try #require(other.object["id"] as? String)
            let elsewhere = try await api.send(.post, "/chats/\(otherID)/messages", json: ["content": "x"], token: alice.token)
            let original = try await api.send(.post, "/chats/\(chat)/messages", json: ["content": "q"], token: alice.token)
            let reply = try await api.send(
                .post, "/chats/\(chat)/messages", json: ["content": "a", "replyToId": original.object["id"]!], token: bob.token)
            #expect(reply.status == .created)
            #expect(reply.object["replyToId"] as? String == original.object["id"] as? String)
            let crossed = try await api.send(
                .post, "/chats/\(chat)/messages", json: ["content": "a", "replyToId": elsewhere.object["id"]!], token: bob.token)
            #expect(crossed.status == .badRequest)
        }
    }
}
