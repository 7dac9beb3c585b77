import ChatDomain
import Foundation

/// `FileRepository` in a `MemoryStore`: file metadata, checked against the store's messages, users and chats.
public struct MemoryFileRepository: FileRepository {
    /// The store holding the files.
    public let store: MemoryStore

    /// The files of `store`.
    public init(store: MemoryStore) { self.store = store }

    /// Stores the metadata. Throws `DomainError.conflict` when the id or storage key is taken, `.notFound` when the
    /// owner does not exist.
    public func create(_ file: StoredFile) async throws { try await store.createFile(file) }

    /// The metadata, or nil.
    public func find(id: FileID) async throws -> StoredFile? { await store.file(id) }

    /// True when `user` is a member of a chat holding an undeleted message that carries the file.
    public func isShared(file: FileID, with user: UserID) async throws -> Bool {
        await store.isShared(file: file, with: user)
    }

    /// True when the file is the avatar of some user or some chat.
    public func isAvatar(file: FileID) async throws -> Bool { await store.isAvatar(file: file) }

    /// Among the `window` files with the next ids after `cursor` (at least one), those created before `cutoff`
    /// that no message (a tombstone included), user or chat refers to, in id order; `next` is the last id looked
    /// at, or nil once the last file has been looked at.
    public func unreferencedFiles(createdBefore cutoff: Date, after cursor: FileID?, window: Int) async throws
        -> (files: [StoredFile], next: FileID?)
    {
        await store.unreferencedFiles(createdBefore: cutoff, after: cursor, window: window)
    }

    /// In one atomic step with every attachment: deletes the metadata when created before `cutoff` and nothing
    /// refers to it; true when this call deleted it, false when it is kept or already gone.
    public func deleteIfUnreferenced(id: FileID, createdBefore cutoff: Date) async throws -> Bool {
        await store.deleteIfUnreferenced(id: id, createdBefore: cutoff)
    }
}
