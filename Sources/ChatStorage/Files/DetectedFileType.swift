import ChatDomain

/// A file type recognised from a file's first bytes.
public struct DetectedFileType: Sendable, Equatable {
    /// The MIME type to store and serve, for example `image/png`.
    public var mimeType: String
    public var kind: StoredFile.Kind

    public init(mimeType: String, kind: StoredFile.Kind) {
        self.mimeType = mimeType
        self.kind = kind
    }
}
