import Foundation

/// Sets a user's or a group's avatar from an uploaded image.
///
/// Permission is checked before any byte is stored, so a refused caller leaves nothing behind.
public struct ChangeAvatar: Sendable {
    let upload: UploadFile
    let users: any UserRepository
    let chats: any ChatRepository
    let updateChat: UpdateChat

    /// Stores images through `upload`, then records them on the user or, through `updateChat`, on the chat.
    public init(upload: UploadFile, users: any UserRepository, chats: any ChatRepository, updateChat: UpdateChat) {
        self.upload = upload
        self.users = users
        self.chats = chats
        self.updateChat = updateChat
    }

    /// Stores the image and makes it the caller's avatar; returns the updated own profile (`avatarUrl` set).
    /// Throws `.unauthorized` when the account is gone, and `UploadFile`'s errors (a non-image is
    /// `FileUploadError.unsupportedType`).
    public func forUser(_ user: UserID, fileName: String, chunks: any AsyncSequence<Data, any Error> & Sendable)
        async throws -> OwnProfile
    {
        guard try await users.find(id: user) != nil else { throw DomainError.unauthorized("account not found") }
        let file = try await upload(FileUpload(owner: user, fileName: fileName, chunks: chunks), only: [.image])
        guard var found = try await users.find(id: user) else { throw DomainError.unauthorized("account not found") }
        found.avatarFileID = file.id
        try await users.updateProfile(found)
        return OwnProfile(found)
    }

    /// Stores the image and makes it the group's avatar (ADMIN or MODERATOR); returns the chat as the caller sees
    /// it. Throws `.notFound`/`.forbidden` from the membership and role check before reading the body, and
    /// `UploadFile`'s errors.
    public func forChat(
        _ chatID: ChatID, by user: UserID, fileName: String, chunks: any AsyncSequence<Data, any Error> & Sendable
    ) async throws -> ChatOverview {
        _ = try await ChatAccess(chats: chats).manager(user, of: chatID)
        let file = try await upload(FileUpload(owner: user, fileName: fileName, chunks: chunks), only: [.image])
        return try await updateChat.avatar(chatID, by: user, file: file)
    }
}
