/// Every failure a use case reports. No HTTP in here: `ChatServer` maps each case to a status in one place.
public enum DomainError: Error, Sendable, Equatable {
    /// Missing, bad, expired or revoked credentials.
    case unauthorized(String)
    /// Signed in, but not allowed: not a member, wrong role, someone else's message.
    case forbidden(String)
    /// The thing does not exist, or the caller may not know it exists.
    case notFound(String)
    /// Unique value already taken (email, username), or a state conflict.
    case conflict(String)
    /// A field failed validation: the field's name and what was expected.
    case invalid(field: String, reason: String)
    /// Too many attempts; retry after this many seconds.
    case rateLimited(retryAfterSeconds: Int)
    /// A backing service (database, storage) is unreachable.
    case unavailable(String)

    /// A stable machine-readable code, sent to clients as `error.code`.
    public var code: String {
        switch self {
        case .unauthorized: "UNAUTHORIZED"
        case .forbidden: "FORBIDDEN"
        case .notFound: "NOT_FOUND"
        case .conflict: "CONFLICT"
        case .invalid: "VALIDATION_FAILED"
        case .rateLimited: "RATE_LIMITED"
        case .unavailable: "SERVICE_UNAVAILABLE"
        }
    }

    /// A human-readable message, safe to send to clients (no internals).
    public var message: String {
        switch self {
        case .unauthorized(let text), .forbidden(let text), .notFound(let text), .conflict(let text),
            .unavailable(let text):
            text
        case .invalid(let field, let reason): "\(field): \(reason)"
        case .rateLimited(let seconds): "too many attempts, retry in \(seconds) s"
        }
    }
}
