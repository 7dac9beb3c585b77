import ChatDomain
import ChatRealtime
import Foundation

extension SocketIOValue {
    /// The value of an `Encodable`, through the API's JSON encoder (same dates and field names as REST).
    static func encoding(_ value: some Encodable) throws -> SocketIOValue {
        let data = try JSON.encoder.encode(value)
        guard let parsed = SocketIOValue.parseJSON(data) else { throw DomainError.unavailable("encoding failed") }
        return parsed
    }

    /// This value decoded as `T`. Throws `DomainError.invalid` naming the field at fault.
    func decoded<T: Decodable>(as type: T.Type) throws -> T {
        do {
            return try JSON.decoder.decode(T.self, from: Data(jsonText.utf8))
        } catch let error as DecodingError {
            throw DomainError.invalid(field: error.fieldPath == "body" ? "payload" : error.fieldPath, reason: error.reason)
        }
    }

    /// The ack body of a failure: `{"error": {"code", "message"}}`.
    static func failure(code: String, message: String) -> SocketIOValue {
        ["error": ["code": .string(code), "message": .string(message)]]
    }

    /// `{"ok": true}`.
    static let ok: SocketIOValue = ["ok": true]
}
