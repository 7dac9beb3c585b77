/// The error codes of Engine.IO's HTTP error body `{"code": N, "message": "..."}`.
enum EngineIOError: Int, Sendable {
    case unknownTransport = 0
    case unknownSessionID = 1
    case badHandshakeMethod = 2
    case badRequest = 3
    case forbidden = 4
    case unsupportedProtocolVersion = 5

    var message: String {
        switch self {
        case .unknownTransport: return "Transport unknown"
        case .unknownSessionID: return "Session ID unknown"
        case .badHandshakeMethod: return "Bad handshake method"
        case .badRequest: return "Bad request"
        case .forbidden: return "Forbidden"
        case .unsupportedProtocolVersion: return "Unsupported protocol version"
        }
    }

    /// The JSON body sent with the 400 (403 for `.forbidden`).
    var body: String { "{\"code\":\(rawValue),\"message\":\"\(message)\"}" }
}
