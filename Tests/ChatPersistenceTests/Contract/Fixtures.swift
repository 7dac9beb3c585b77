import ChatDomain
import Foundation
import Testing

/// A date `offset` milliseconds after a fixed instant; whole milliseconds survive every adapter unchanged.
func at(_ offset: Int64) -> Date {
    Date(timeIntervalSince1970: Double(1_700_000_000_000 + offset) / 1000)
}

/// Builders of valid domain values for the contract tests.
enum Fixture {
    static func user(_ name: String, at time: Int64 = 0) -> User {
        User(
            id: UserID(UUID()), email: "\(name.lowercased())@example.com", username: name.lowercased(), name: name,
            passwordHash: "hash-of-\(name)", createdAt: at(time))
    }

    static func group(_ name: String, at time: Int64 = 0) -> Chat {
        Chat(id: ChatID(UUID()), kind: .group, name: name, createdAt: at(time), lastActivityAt: at(time))
    }

    static func direct(_ a: UserID, _ b: UserID, at time: Int64 = 0) -> Chat {
        Chat(
            id: ChatID(UUID()), kind: .direct, name: nil, createdAt: at(time), lastActivityAt: at(time),
            directKey: Chat.directKey(a, b))
    }

    static func member(_ chat: Chat, _ user: User, _ role: Role = .member, joined time: Int64 = 0) -> Membership {
        Membership(chatID: chat.id, userID: user.id, role: role, joinedAt: at(time))
    }

    static func message(
        _ chat: Chat, from sender: User, _ content: String = "hello", clientID: String? = nil, at time: Int64 = 1_000,
        file: FileID? = nil
    ) -> NewMessage {
        NewMessage(
            id: MessageID(UUID()), chatID: chat.id, senderID: sender.id, content: content,
            kind: file == nil ? .text : .file, fileID: file, replyToID: nil, clientMessageID: clientID,
            createdAt: at(time))
    }

    static func session(_ user: User, hash: String, created time: Int64 = 0, expires: Int64 = 86_400_000) -> Session {
        Session(
            id: SessionID(UUID()), userID: user.id, deviceType: .web, deviceName: "laptop", userAgent: "tests",
            refreshTokenHash: hash, createdAt: at(time), lastUsedAt: at(time), expiresAt: at(expires))
    }

    static func file(_ owner: User, key: String = UUID().uuidString, at time: Int64 = 0) -> StoredFile {
        StoredFile(
            id: FileID(UUID()), ownerID: owner.id, key: key, originalName: "photo.png", mimeType: "image/png",
            size: 1_234, sha256: String(repeating: "ab", count: 32), kind: .image, createdAt: at(time))
    }
}

extension Repositories {
    /// Stores users with these display names (usernames are the names lowercased).
    func seedUsers(_ names: String...) async throws -> [User] {
        var users: [User] = []
        for name in names {
            let user = Fixture.user(name)
            try await self.users.create(user)
            users.append(user)
        }
        return users
    }

    /// Stores a group whose first member is ADMIN and the others MEMBERs, joined in order.
    func seedGroup(_ name: String = "group", _ members: [User], at time: Int64 = 0) async throws -> Chat {
        let chat = Fixture.group(name, at: time)
        let memberships = members.enumerated().map { index, user in
            Fixture.member(chat, user, index == 0 ? .admin : .member, joined: time + Int64(index))
        }
        try await chats.create(chat, members: memberships)
        return chat
    }

    /// Stores the direct chat of two users.
    func seedDirect(_ a: User, _ b: User, at time: Int64 = 0) async throws -> Chat {
        let chat = Fixture.direct(a.id, b.id, at: time)
        return try await chats.findOrCreateDirect(
            chat, members: [Fixture.member(chat, a, .admin, joined: time), Fixture.member(chat, b, .admin, joined: time)]
        ).chat
    }
}

/// Records an issue unless `body` throws `DomainError.conflict`.
func expectConflict(
    sourceLocation: SourceLocation = #_sourceLocation, _ body: () async throws -> Void
) async {
    await expectDomainError("CONFLICT", sourceLocation: sourceLocation, body)
}

/// Records an issue unless `body` throws a `DomainError` with this `code`.
func expectDomainError(
    _ code: String, sourceLocation: SourceLocation = #_sourceLocation, _ body: () async throws -> Void
) async {
    do {
        try await body()
        Issue.record("expected DomainError \(code), nothing was thrown", sourceLocation: sourceLocation)
    } catch let error as DomainError {
        #expect(error.code == code, "got \(error)", sourceLocation: sourceLocation)
    } catch {
        Issue.record("expected DomainError \(code), got \(error)", sourceLocation: sourceLocation)
    }
}
