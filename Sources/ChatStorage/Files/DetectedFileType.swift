import ChatDomain

/// A file type recognised from a file's first bytes.
public struct DetectedFileType: Sendable, Equatable {
    /// The MIME type to store and serve, for example `image/png`.
    public var mimeType: String
    /// The broad kind the MIME type falls in: image, audio, video or other file.
    public var kind: StoredFile.Kind

    /// A type with this MIME type and kind.
    public init(mimeType: String, kind: StoredFile.Kind) {
        self.mimeType = mimeType
        self.kind = kind
    }
}
