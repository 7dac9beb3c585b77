/// What `MultipartParser` reports as a `multipart/form-data` body goes by, in body order.
public enum MultipartEvent: Sendable, Equatable {
    /// A part begins; its header fields in the order they came (possibly none).
    case part([MultipartHeader])
    /// The next bytes of the current part's body. A body may arrive in any number of these, split anywhere,
    /// and an empty body in none.
    case body([UInt8])
    /// The current part's body is complete: its closing boundary delimiter has been read.
    case partEnd
}

/// One header field of a part, as sent.
public struct MultipartHeader: Sendable, Equatable {
    /// The field name exactly as sent (compare it case-insensitively); always an RFC 9110 token.
    public var name: String
    /// The field value without surrounding spaces and tabs, decoded as UTF-8 (a byte that is not UTF-8 becomes
    /// U+FFFD).
    public var value: String

    /// A header field with `name` and `value`.
    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}
