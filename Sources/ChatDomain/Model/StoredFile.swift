import Foundation

/// Metadata of an uploaded file. The bytes live in a `BlobStore` under `key`; a URL is never stored.
public struct StoredFile: Sendable, Equatable {
    /// The broad kind of a file, from its detected MIME type.
    public enum Kind: String, Sendable, Codable, CaseIterable {
        /// `IMAGE`: sent as an `IMAGE` message; the only kind accepted for avatars.
        case image = "IMAGE"
        /// `AUDIO`: sent as a `VOICE` message.
        case audio = "AUDIO"
        /// `VIDEO`: sent as a `VIDEO` message.
        case video = "VIDEO"
        /// `FILE`: any other accepted type (PDF, plain text); sent as a `FILE` message.
        case file = "FILE"
    }

    /// The file's id.
    public var id: FileID
    /// The uploader: the only user who may attach it to a message or make it an avatar.
    public var ownerID: UserID
    /// The server-generated storage key; never derived from the client's file name.
    public var key: String
    /// The client's file name, sanitized.
    public var originalName: String
    /// The type detected from the bytes; the declared type is never trusted.
    public var mimeType: String
    /// Length of the stored bytes, in bytes; at least 1.
    public var size: Int64
    /// SHA-256 of the bytes, hex.
    public var sha256: String
    /// The broad kind, from `mimeType`.
    public var kind: Kind
    /// When it was uploaded; unreferenced files are deleted by their age from this.
    public var createdAt: Date

    /// Metadata from its fields, as given (nothing is checked).
    public init(
        id: FileID, ownerID: UserID, key: String, originalName: String, mimeType: String, size: Int64,
        sha256: String, kind: Kind, createdAt: Date
    ) {
        self.id = id
        self.ownerID = ownerID
        self.key = key
        self.originalName = originalName
        self.mimeType = mimeType
        self.size = size
        self.sha256 = sha256
        self.kind = kind
        self.createdAt = createdAt
    }
}
