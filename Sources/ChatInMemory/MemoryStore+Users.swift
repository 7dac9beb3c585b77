import ChatDomain
import Foundation

extension MemoryStore {
    func createUser(_ user: User) throws {
        guard users[user.id] == nil else { throw DomainError.conflict("user already exists") }
        if users.values.contains(where: { $0.email.lowercased() == user.email.lowercased() }) {
            throw DomainError.conflict("email is already registered")
        }
        if users.values.contains(where: { $0.username.lowercased() == user.username.lowercased() }) {
            throw DomainError.conflict("username is taken")
        }
        users[user.id] = user
    }

    func user(_ id: UserID) -> User? { users[id] }

    func users(_ ids: [UserID]) -> [User] { Set(ids).compactMap { users[$0] } }

    func user(email: String) -> User? { users.values.first { $0.email == email } }

    func user(username: String) -> User? { users.values.first { $0.username == username } }

    func updateProfile(_ user: User) throws {
        guard var stored = users[user.id] else { throw DomainError.notFound("user not found") }
        let username = user.username.lowercased()
        if users.values.contains(where: { $0.id != user.id && $0.username.lowercased() == username }) {
            throw DomainError.conflict("username is taken")
        }
        stored.name = user.name
        stored.username = user.username
        stored.avatarFileID = user.avatarFileID
        users[user.id] = stored
    }

    func setLastSeen(_ id: UserID, at date: Date) {
        users[id]?.lastSeenAt = date
    }

    func searchUsers(prefix: String, after cursor: String?, limit: Int) -> [User] {
        let prefix = prefix.lowercased()
        let matching = users.values.filter { user in
            (user.username.lowercased().hasPrefix(prefix) || user.name.lowercased().hasPrefix(prefix))
                && (cursor.map { user.username > $0 } ?? true)
        }
        return Array(matching.sorted { $0.username < $1.username }.prefix(max(limit, 0)))
    }
}
