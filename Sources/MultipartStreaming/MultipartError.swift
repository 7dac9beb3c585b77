/// Why a `multipart/form-data` body was refused. Once a parser has thrown one, it throws the same one again.
public struct MultipartError: Error, Sendable, Equatable, CustomStringConvertible {
    private enum Kind: Sendable, Equatable {
        case malformed
        case headerLineTooLong
        case tooManyHeaders
        case truncated
    }

    private let kind: Kind

    /// The body breaks the multipart syntax: text after a boundary, a bad header line, a bare CR or LF.
    public static let malformed = MultipartError(kind: .malformed)
    /// A part's header line is longer than `MultipartLimits.maximumHeaderLineBytes`.
    public static let headerLineTooLong = MultipartError(kind: .headerLineTooLong)
    /// A part has more header lines than `MultipartLimits.maximumHeaderCount`.
    public static let tooManyHeaders = MultipartError(kind: .tooManyHeaders)
    /// The body ended before its final boundary (`--boundary--`).
    public static let truncated = MultipartError(kind: .truncated)

    /// A short English sentence naming the problem, fit for an error response.
    public var description: String {
        switch kind {
        case .malformed: "malformed multipart body"
        case .headerLineTooLong: "a multipart part header line is too long"
        case .tooManyHeaders: "a multipart part has too many header lines"
        case .truncated: "the multipart body ended before its final boundary"
        }
    }
}
