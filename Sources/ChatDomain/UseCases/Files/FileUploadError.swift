/// Why an upload was refused before anything was kept. No HTTP in here: `ChatServer` maps each case to a status.
public enum FileUploadError: Error, Sendable, Equatable {
    /// The file (or the request carrying it) is longer than the limit, in bytes.
    case tooLarge(limit: Int64)
    /// The bytes are of no accepted type; `accepted` says in words what would have been.
    case unsupportedType(accepted: String)

    /// A stable machine-readable code, sent to clients as `error.code`.
    public var code: String {
        switch self {
        case .tooLarge: "PAYLOAD_TOO_LARGE"
        case .unsupportedType: "UNSUPPORTED_MEDIA_TYPE"
        }
    }

    /// A human-readable message, safe to send to clients.
    public var message: String {
        switch self {
        case .tooLarge(let limit): "the file is larger than the limit of \(limit) bytes"
        case .unsupportedType(let accepted): "unsupported file type: expected \(accepted)"
        }
    }
}
