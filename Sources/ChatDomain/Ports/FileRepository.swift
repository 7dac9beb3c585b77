import Foundation

/// Where file metadata lives.
public protocol FileRepository: Sendable {
    /// Stores the metadata of an uploaded file.
    func create(_ file: StoredFile) async throws
    /// The file's metadata, or nil.
    func find(id: FileID) async throws -> StoredFile?
    /// True when `user` is a member of a chat holding a message that carries the file.
    func isShared(file: FileID, with user: UserID) async throws -> Bool
    /// True when the file is some user's or chat's avatar.
    func isAvatar(file: FileID) async throws -> Bool
    /// Looks at the `window` files with the next ids after `cursor` (the first ones when nil), in ascending id
    /// order, and returns those created before `cutoff` that nothing refers to (no message, a tombstone
    /// included, no user's or chat's avatar), in id order, with the cursor of the next window (nil once the last
    /// file has been looked at). The work per call is bounded by `window`, whatever the number of files. A
    /// snapshot: a file returned may be attached before its turn, so delete it with `deleteIfUnreferenced`.
    func unreferencedFiles(createdBefore cutoff: Date, after cursor: FileID?, window: Int) async throws
        -> (files: [StoredFile], next: FileID?)
    /// Deletes the file's metadata when, at that instant, it was created before `cutoff` and nothing refers to it;
    /// true when this call deleted it. Check and delete are one atomic step: a message or chat avatar committed
    /// before it keeps the file, and one racing it either wins (the file stays) or fails on the missing file, so
    /// no message or chat is left pointing at a deleted file. (A user's avatar is set by the request that uploads
    /// it, long before the file is old enough to go.) Idempotent: false when the row is already gone.
    func deleteIfUnreferenced(id: FileID, createdBefore cutoff: Date) async throws -> Bool
}
