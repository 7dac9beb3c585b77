/// The bounds that keep a parser's memory small whatever the body holds.
public struct MultipartLimits: Sendable, Equatable {
    /// The longest header line a part may have, in bytes, without its CRLF.
    public var maximumHeaderLineBytes: Int
    /// The most header lines a part may have.
    public var maximumHeaderCount: Int

    /// Limits of `maximumHeaderLineBytes` (default 8 KiB) and `maximumHeaderCount` (default 32).
    public init(maximumHeaderLineBytes: Int = 8 * 1024, maximumHeaderCount: Int = 32) {
        self.maximumHeaderLineBytes = maximumHeaderLineBytes
        self.maximumHeaderCount = maximumHeaderCount
    }
}
