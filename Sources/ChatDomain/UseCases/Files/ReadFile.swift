import Foundation

/// How a permitted reader gets a file's bytes.
public enum FileDownload: Sendable {
    /// A freshly presigned URL the client is sent to; never stored.
    case redirect(file: StoredFile, url: URL)
    /// The bytes, streamed by the server (stores that cannot presign, such as the local directory).
    case content(file: StoredFile, content: BlobContent)
}

/// Hands a file to those allowed to read it: its uploader, members of a chat holding an undeleted message that
/// carries it, and, for avatars, anyone signed in.
///
/// Everyone else is told the file does not exist (`.notFound`, as for an unknown id), so ids cannot be probed.
public struct ReadFile: Sendable {
    /// Lifetime of presigned URLs, seconds.
    public static let presignedLifetime = 300

    let files: any FileRepository
    let blobs: any BlobStore

    /// Reads metadata from `files` and bytes (or presigned URLs) from `blobs`.
    public init(files: any FileRepository, blobs: any BlobStore) {
        self.files = files
        self.blobs = blobs
    }

    /// The file's metadata when `reader` may read it. Throws `.notFound` when it does not exist or the reader
    /// may not know it does.
    public func metadata(_ id: FileID, for reader: UserID) async throws -> StoredFile {
        guard let file = try await files.find(id: id) else { throw DomainError.notFound("file not found") }
        if file.ownerID == reader { return file }
        if try await files.isAvatar(file: id) { return file }
        if try await files.isShared(file: id, with: reader) { return file }
        throw DomainError.notFound("file not found")
    }

    /// A presigned URL valid `presignedLifetime` seconds when the store can make one, otherwise the bytes.
    /// Throws `.notFound` as `metadata` does (and when the blob is gone), `.unavailable` when storage is down.
    public func callAsFunction(_ id: FileID, for reader: UserID) async throws -> FileDownload {
        let file = try await metadata(id, for: reader)
        do {
            let presentation = BlobPresentation(fileName: file.originalName, contentType: file.mimeType)
            if let url = try await blobs.presignedGetURL(
                key: file.key, expiresIn: Self.presignedLifetime, presentation: presentation)
            {
                return .redirect(file: file, url: url)
            }
            return .content(file: file, content: try await blobs.get(key: file.key))
        } catch {
            throw StorageFailure.domainError(for: error)
        }
    }
}
