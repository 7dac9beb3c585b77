import ChatDomain
import Foundation

/// The file use cases, wired once over the chosen blob store and repositories; the routes of `/files` and the
/// avatar routes share them.
struct FileServices: Sendable {
    let upload: UploadFile
    let read: ReadFile
    let avatars: ChangeAvatar

    /// Wires uploads (at most `maximumBytes` per file), reads and avatars over `blobs` and the repositories.
    init(
        repositories: Repositories, blobs: any BlobStore, maximumBytes: Int, updateChat: UpdateChat,
        clock: any Clock = SystemClock(), ids: any IDGenerator = RandomIDGenerator()
    ) {
        upload = UploadFile(
            files: repositories.files, blobs: blobs, inspector: StorageFileInspector(), maximumBytes: Int64(maximumBytes),
            clock: clock, ids: ids)
        read = ReadFile(files: repositories.files, blobs: blobs)
        avatars = ChangeAvatar(upload: upload, users: repositories.users, chats: repositories.chats, updateChat: updateChat)
    }
}
