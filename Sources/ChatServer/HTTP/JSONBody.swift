import ChatDomain
import Foundation
import Hummingbird

extension Request {
    /// The body decoded as `T`: at most `limit` bytes (413 past it), valid JSON (400), with every required field
    /// present and of the right type (400 naming the field).
    func decodeJSON<T: Decodable>(as type: T.Type, limit: Int) async throws -> T {
        let buffer = try await body.collect(upTo: limit)
        guard buffer.readableBytes > 0 else { throw DomainError.invalid(field: "body", reason: "a JSON body is required") }
        do {
            return try JSON.decoder.decode(T.self, from: Data(buffer: buffer))
        } catch let error as DecodingError {
            throw DomainError.invalid(field: error.fieldPath, reason: error.reason)
        }
    }

    /// A query parameter as an integer; nil when absent, `.invalid` when not an integer.
    func queryInteger(_ name: String) throws -> Int? {
        guard let raw = uri.queryParameters.get(name) else { return nil }
        guard let value = Int(raw) else { throw DomainError.invalid(field: name, reason: "must be an integer") }
        return value
    }
}

extension DecodingError {
    /// The dotted path of the field at fault, or `body` for the document itself.
    var fieldPath: String {
        let path: [any CodingKey]
        switch self {
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            path = context.codingPath
        case .keyNotFound(let key, let context):
            path = context.codingPath + [key]
        @unknown default:
            path = []
        }
        let joined = path.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
        return joined.isEmpty ? "body" : joined
    }

    /// What was wrong, in words safe to send back.
    var reason: String {
        switch self {
        case .typeMismatch(let type, _): "must be of type \(type)"
        case .valueNotFound: "must not be null"
        case .keyNotFound: "is required"
        case .dataCorrupted(let context):
            context.codingPath.isEmpty ? "malformed JSON" : "invalid value"
        @unknown default: "invalid"
        }
    }
}
