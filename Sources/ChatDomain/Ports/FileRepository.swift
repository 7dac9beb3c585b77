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
}
