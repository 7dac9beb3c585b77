import ChatDomain
import Foundation
import Testing

@testable import ChatPersistence

/// Behaviour of the PostgreSQL repositories that the shared contract suite may not pin: conflicts, prefix
/// search, chat lists, history cursors, token rotation, file visibility.
@Suite(.enabled(if: PostgresTestServer.isConfigured, "set CHAT_TEST_POSTGRES_URL (scripts/services/postgres.sh)"))
struct PostgresRepositoryTests {
    @Test func takenEmailOrUsernameIsAConflictAndNothingIsStored() async throws {
        try await PostgresTestServer.withFreshDatabase { database in
            let fixtures = PostgresFixtures(database: database)
            let alice = try await fixtures.user("alice")
            var sameEmail = alice
            sameEmail.id = UserID(UUID())
            sameEmail.username = "someoneelse"
            await #expect(throws: DomainError.conflict("email already taken")) { try await fixtures.users.create(sameEmail) }
            var sameUsername = alice
            sameUsername.id = UserID(UUID())
            sameUsername.email = "other@example.com"
            await #expect(throws: DomainError.conflict("username already taken")) {
                try await fixtures.users.create(sameUsername)
            }
            #expect(try await fixtures.users.find(ids: [alice.id, sameEmail.id, sameUsername.id]) == [alice])

            let bob = try await fixtures.user("bob")
            var renamed = bob
            renamed.username = alice.username
            await #expect(throws: DomainError.conflict("username already taken")) {
                try await fixtures.users.updateProfile(renamed)
            }
            var ghost = bob
            ghost.id = UserID(UUID())
            await #expect(throws: DomainError.notFound("user not found")) { try await fixtures.users.updateProfile(ghost) }
        }
    }

    @Test func searchMatchesUsernameOrNamePrefixCaseInsensitivelyAndPagesByUsername() async throws {
        try await PostgresTestServer.withFreshDatabase { database in
            let fixtures = PostgresFixtures(database: database)
            let anna = try await fixtures.user("anna", name: "Zoe")
            let zed = try await fixtures.user("zed", name: "Annabel Lee")
            _ = try await fixtures.user("bob", name: "Bob")
            let literal = try await fixtures.user("x_y", name: "100% real")
            _ = try await fixtures.user("xzy", name: "100 real")

            #expect(try await fixtures.users.search(prefix: "ANN", after: nil, limit: 10).map(\.id) == [anna.id, zed.id])
            #expect(try await fixtures.users.search(prefix: "ann", after: nil, limit: 1).map(\.id) == [anna.id])
            #expect(try await fixtures.users.search(prefix: "ann", after: anna.username, limit: 10).map(\.id) == [zed.id])
            #expect(try await fixtures.users.search(prefix: "x_", after: nil, limit: 10).map(\.id) == [literal.id])
            #expect(try await fixtures.users.search(prefix: "100%", after: nil, limit: 10).map(\.id) == [literal.id])
        }
    }

    @Test func chatListIsNewestActivityFirstWithLastMessageUnreadCountAndPeer() async throws {
        try await PostgresTestServer.withFreshDatabase { database in
            let fixtures = PostgresFixtures(database: database)
            let alice = try await fixtures.user("alice")
            let bob = try await fixtures.user("bob")
            let carol = try await fixtures.user("carol")
            let group = try await fixtures.group([alice, bob, carol])
            let direct = Chat(
                id: ChatID(UUID()), kind: .direct, name: nil, createdAt: PostgresFixtures.epoch,
                lastActivityAt: PostgresFixtures.epoch, directKey: Chat.directKey(alice.id, bob.id)
            )
            _ = try await fixtures.chats.findOrCreateDirect(direct, members: [
                Membership(chatID: direct.id, userID: alice.id, role: .admin, joinedAt: PostgresFixtures.epoch),
                Membership(chatID: direct.id, userID: bob.id, role: .admin, joinedAt: PostgresFixtures.epoch),
            ])
            let later = PostgresFixtures.epoch.addingTimeInterval(60)
            _ = try await fixtures.messages.append(fixtures.text("mine", in: group, from: alice, at: later))
            _ = try await fixtures.messages.append(fixtures.text("one", in: group, from: bob, at: later))
            let two = try await fixtures.messages.append(fixtures.text("two", in: group, from: carol, at: later))
            _ = try await fixtures.messages.delete(id: two.message.id, in: group.id, at: later)
            let last = try await fixtures.messages.append(fixtures.text("three", in: group, from: bob, at: later))
            _ = try await fixtures.messages.append(fixtures.text("hi", in: direct, from: bob, at: later.addingTimeInterval(-30)))

            let list = try await fixtures.chats.summaries(for: alice.id)
            #expect(list.map(\.chat.id) == [group.id, direct.id])
            #expect(list[0].lastMessage == last.message)
            #expect(list[0].unreadCount == 2, "bob's two undeleted messages; not mine, not the tombstone")
            #expect(list[0].participantCount == 3)
            #expect(list[0].myRole == .admin)
            #expect(list[0].peerID == nil)
            #expect(list[1].peerID == bob.id)
            #expect(list[1].unreadCount == 1)
            #expect(try await fixtures.messages.unreadCount(chat: group.id, user: alice.id) == 2)

            _ = try await fixtures.messages.advanceReadPointer(chat: group.id, user: alice.id, to: last.message.seq)
            #expect(try await fixtures.chats.summary(of: group.id, for: alice.id)?.unreadCount == 0)
            #expect(try await fixtures.chats.summary(of: group.id, for: UserID(UUID())) == nil)
            #expect(Set(try await fixtures.chats.contacts(of: alice.id)) == [bob.id, carol.id])
        }
    }

    @Test func historyPagesComeInAscendingSeqInEveryDirection() async throws {
        try await PostgresTestServer.withFreshDatabase { database in
            let fixtures = PostgresFixtures(database: database)
            let alice = try await fixtures.user("alice")
            let chat = try await fixtures.group([alice])
            for index in 1...10 { _ = try await fixtures.messages.append(fixtures.text("m\(index)", in: chat, from: alice)) }

            let latest = try await fixtures.messages.page(of: chat.id, from: .latest, limit: 3)
            #expect(latest.items.map(\.seq) == [8, 9, 10] && latest.hasMore)
            let before = try await fixtures.messages.page(of: chat.id, from: .before(3), limit: 3)
            #expect(before.items.map(\.seq) == [1, 2] && !before.hasMore)
            let after = try await fixtures.messages.page(of: chat.id, from: .after(6), limit: 3)
            #expect(after.items.map(\.seq) == [7, 8, 9] && after.hasMore)
            let tail = try await fixtures.messages.page(of: chat.id, from: .after(7), limit: 3)
            #expect(tail.items.map(\.seq) == [8, 9, 10] && !tail.hasMore)
        }
    }

    @Test func refreshRotationIsCompareAndSwapAndRetiresTheOldHash() async throws {
        try await PostgresTestServer.withFreshDatabase { database in
            let fixtures = PostgresFixtures(database: database)
            let alice = try await fixtures.user("alice")
            let epoch = PostgresFixtures.epoch
            let session = Session(
                id: SessionID(UUID()), userID: alice.id, deviceType: .web, deviceName: nil, userAgent: "test",
                refreshTokenHash: "h0", createdAt: epoch, lastUsedAt: epoch, expiresAt: epoch.addingTimeInterval(3600)
            )
            try await fixtures.sessions.create(session)

            let winners = try await withThrowingTaskGroup(of: Bool.self) { group in
                for attempt in 0..<10 {
                    group.addTask {
                        try await fixtures.sessions.rotate(
                            session: session.id, from: "h0", to: "h1-\(attempt)", at: epoch.addingTimeInterval(10),
                            expiresAt: epoch.addingTimeInterval(7200)
                        )
                    }
                }
                return try await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(winners.filter { $0 }.count == 1)

            let rotated = try #require(try await fixtures.sessions.find(id: session.id))
            #expect(rotated.refreshTokenHash.hasPrefix("h1-"))
            #expect(rotated.lastUsedAt == epoch.addingTimeInterval(10))
            #expect(try await fixtures.sessions.match(refreshTokenHash: rotated.refreshTokenHash) == .current(rotated))
            #expect(try await fixtures.sessions.match(refreshTokenHash: "h0") == .retired(rotated))
            #expect(try await fixtures.sessions.match(refreshTokenHash: "never") == .unknown)

            #expect(try await fixtures.sessions.revokeAll(user: alice.id, at: epoch.addingTimeInterval(20)) == [session.id])
            #expect(try await fixtures.sessions.revoke(id: session.id, at: epoch.addingTimeInterval(30)) == false)
            #expect(try await fixtures.sessions.active(user: alice.id, at: epoch.addingTimeInterval(30)) == [])
            let revokedRotation = try await fixtures.sessions.rotate(
                session: session.id, from: rotated.refreshTokenHash, to: "h2", at: epoch, expiresAt: epoch
            )
            #expect(revokedRotation == false)
        }
    }

    @Test func filesAreVisibleThroughUndeletedMessagesAndAvatars() async throws {
        try await PostgresTestServer.withFreshDatabase { database in
            let fixtures = PostgresFixtures(database: database)
            let alice = try await fixtures.user("alice")
            let bob = try await fixtures.user("bob")
            let eve = try await fixtures.user("eve")
            let chat = try await fixtures.group([alice, bob])
            let file = StoredFile(
                id: FileID(UUID()), ownerID: alice.id, key: "k/\(UUID())", originalName: "a.png", mimeType: "image/png",
                size: 10, sha256: "00", kind: .image, createdAt: PostgresFixtures.epoch
            )
            try await fixtures.files.create(file)
            #expect(try await fixtures.files.find(id: file.id) == file)
            #expect(try await fixtures.files.isShared(file: file.id, with: bob.id) == false)

            var message = fixtures.text("pic", in: chat, from: alice)
            message.fileID = file.id
            message.kind = .image
            let sent = try await fixtures.messages.append(message)
            #expect(try await fixtures.files.isShared(file: file.id, with: bob.id))
            #expect(try await fixtures.files.isShared(file: file.id, with: eve.id) == false)
            _ = try await fixtures.messages.delete(id: sent.message.id, in: chat.id, at: PostgresFixtures.epoch)
            #expect(try await fixtures.files.isShared(file: file.id, with: bob.id) == false)

            #expect(try await fixtures.files.isAvatar(file: file.id) == false)
            var withAvatar = alice
            withAvatar.avatarFileID = file.id
            try await fixtures.users.updateProfile(withAvatar)
            #expect(try await fixtures.files.isAvatar(file: file.id))
        }
    }

    @Test func lastAdminLeavingPromotesTheLongestStandingMemberOnce() async throws {
        try await PostgresTestServer.withFreshDatabase { database in
            let fixtures = PostgresFixtures(database: database)
            let alice = try await fixtures.user("alice")
            let bob = try await fixtures.user("bob")
            let carol = try await fixtures.user("carol")
            let chat = try await fixtures.group([alice, bob, carol])
            await #expect(throws: DomainError.conflict("already a member")) {
                try await fixtures.chats.addMember(
                    Membership(chatID: chat.id, userID: bob.id, role: .member, joinedAt: PostgresFixtures.epoch)
                )
            }
            #expect(try await fixtures.chats.promoteLongestStandingIfNoAdmin(chat: chat.id) == nil)
            #expect(try await fixtures.chats.removeMember(chat: chat.id, user: alice.id))
            #expect(try await fixtures.chats.removeMember(chat: chat.id, user: alice.id) == false)

            let promoted = try await withThrowingTaskGroup(of: Membership?.self) { group in
                for _ in 0..<5 { group.addTask { try await fixtures.chats.promoteLongestStandingIfNoAdmin(chat: chat.id) } }
                return try await group.reduce(into: [Membership]()) { if let membership = $1 { $0.append(membership) } }
            }
            #expect(promoted.map(\.userID) == [bob.id])
            #expect(try await fixtures.chats.members(of: chat.id).map(\.role) == [.admin, .member])

            try await fixtures.chats.delete(id: chat.id)
            try await fixtures.chats.delete(id: chat.id)
            #expect(try await fixtures.chats.find(id: chat.id) == nil)
            #expect(try await fixtures.chats.members(of: chat.id) == [])
        }
    }
}
