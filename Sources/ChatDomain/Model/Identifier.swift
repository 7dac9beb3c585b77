import Foundation

/// A typed identifier: a UUID that knows which kind of entity it names, so a `UserID` can never be passed
/// where a `ChatID` is expected. Encodes as the lowercase UUID string.
public struct Identifier<Entity>: Hashable, Sendable, Codable, CustomStringConvertible, Comparable {
    /// The underlying UUID.
    public let uuid: UUID

    /// Wraps an existing UUID.
    public init(_ uuid: UUID) { self.uuid = uuid }

    /// Parses a UUID string (any case); returns nil when `string` is not a UUID.
    public init?(_ string: String) {
        guard let uuid = UUID(uuidString: string) else { return nil }
        self.uuid = uuid
    }

    /// The lowercase canonical UUID string, as stored and as sent to clients. Written directly (ids are formatted
    /// several times per message): `uuid.uuidString.lowercased()` formats through `snprintf` and copies twice.
    public var description: String {
        withUnsafeBytes(of: uuid.uuid) { bytes in
            String(unsafeUninitializedCapacity: 36) { text in
                var position = 0
                for (index, byte) in bytes.enumerated() {
                    if index == 4 || index == 6 || index == 8 || index == 10 {
                        text[position] = UInt8(ascii: "-")
                        position += 1
                    }
                    text[position] = Self.hexDigit(byte >> 4)
                    text[position + 1] = Self.hexDigit(byte & 0x0F)
                    position += 2
                }
                return position
            }
        }
    }

    private static func hexDigit(_ value: UInt8) -> UInt8 {
        value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "a") + value - 10
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let string = try container.decode(String.self)
        guard let uuid = UUID(uuidString: string) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a UUID")
        }
        self.uuid = uuid
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.description < rhs.description }
}

/// Identifies a `User` (the `sub` of an access token).
public typealias UserID = Identifier<User>
/// Identifies a `Chat`.
public typealias ChatID = Identifier<Chat>
/// Identifies a `Message`; unique across all chats.
public typealias MessageID = Identifier<Message>
/// Identifies a device `Session` (the `sid` of an access token).
public typealias SessionID = Identifier<Session>
/// Identifies a `StoredFile`; distinct from its storage key.
public typealias FileID = Identifier<StoredFile>
