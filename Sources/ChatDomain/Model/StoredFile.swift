import Foundation

/// Metadata of an uploaded file. The bytes live in a `BlobStore` under `key`; a URL is never stored.
public struct StoredFile: Sendable, Equatable {
    /// The broad kind of a file, from its detected MIME type.
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case image = "IMAGE"
        case audio = "AUDIO"
        case video = "VIDEO"
        case file = "FILE"
    }

    public var id: FileID
    public var ownerID: UserID
    /// The server-generated storage key; never derived from the client's file name.
    public var key: String
    /// The client's file name, sanitized.
    public var originalName: String
    /// The type detected from the bytes; the declared type is never trusted.
    public var mimeType: String
    public var size: Int64
    /// SHA-256 of the bytes, hex.
    public var sha256: String
    public var kind: Kind
    public var createdAt: Date

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
