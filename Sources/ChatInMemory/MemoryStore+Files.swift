import ChatDomain
import Foundation

extension MemoryStore {
    func createFile(_ file: StoredFile) throws {
        guard files[file.id] == nil else { throw DomainError.conflict("file already exists") }
        guard !files.values.contains(where: { $0.key == file.key }) else {
            throw DomainError.conflict("storage key is taken")
        }
        guard users[file.ownerID] != nil else { throw DomainError.notFound("owner not found") }
        files[file.id] = file
    }

    func file(_ id: FileID) -> StoredFile? { files[id] }

    func isShared(file: FileID, with user: UserID) -> Bool {
        guard attachments[file] != nil else { return false }
        return memberships.contains { chat, members in
            members.contains { $0.userID == user }
                && messages.messages(of: chat).contains { $0.fileID == file && !$0.isDeleted }
        }
    }

    func isAvatar(file: FileID) -> Bool {
        users.values.contains { $0.avatarFileID == file } || chats.values.contains { $0.avatarFileID == file }
    }

    func unreferencedFiles(createdBefore cutoff: Date, after cursor: FileID?, window: Int)
        -> (files: [StoredFile], next: FileID?)
    {
        let window = max(1, window)
        let looked = files.values.filter { file in cursor.map { file.id > $0 } ?? true }.sorted { $0.id < $1.id }
            .prefix(window)
        let found = looked.filter { $0.createdAt < cutoff && !isReferenced($0.id) }
        return (Array(found), looked.count == window ? looked.last?.id : nil)
    }

    func deleteIfUnreferenced(id: FileID, createdBefore cutoff: Date) -> Bool {
        guard let file = files[id], file.createdAt < cutoff, !isReferenced(id) else { return false }
        files[id] = nil
        return true
    }

    /// True when a message (a tombstone included), a user or a chat refers to the file.
    func isReferenced(_ file: FileID) -> Bool { attachments[file] != nil || isAvatar(file: file) }

    /// Counts one message fewer carrying the file (its chat was deleted).
    func detach(_ file: FileID) {
        let remaining = (attachments[file] ?? 0) - 1
        attachments[file] = remaining > 0 ? remaining : nil
    }
}
