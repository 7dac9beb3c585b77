import Foundation

/// A JSON value as carried by Socket.IO packets, extended with binary attachments.
///
/// Objects compare and serialise independently of key insertion order (keys are written sorted), numbers
/// are IEEE doubles (integers up to 2^53 round-trip exactly and are written without a fraction), and
/// `.binary` is sent as a Socket.IO attachment, never inlined into the JSON text.
public enum SocketIOValue: Sendable, Hashable {
    /// JSON `null`.
    case null
    /// JSON `true` / `false`.
    case bool(Bool)
    /// A JSON number.
    case number(Double)
    /// A JSON string.
    case string(String)
    /// A JSON array.
    case array([SocketIOValue])
    /// A JSON object.
    case object([String: SocketIOValue])
    /// Raw bytes, transported as a binary attachment (`BINARY_EVENT` / `BINARY_ACK`).
    case binary(Data)
}

extension SocketIOValue {
    /// The string, or `nil` when the value is not a string.
    public var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    /// The number, or `nil` when the value is not a number.
    public var numberValue: Double? {
        if case .number(let value) = self { return value }
        return nil
    }

    /// The number as an `Int`, or `nil` when the value is not an integral number that fits.
    public var intValue: Int? {
        guard case .number(let value) = self, value.rounded() == value, abs(value) < 9.0e15 else { return nil }
        return Int(value)
    }

    /// The boolean, or `nil` when the value is not a boolean.
    public var boolValue: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    /// The elements, or `nil` when the value is not an array.
    public var arrayValue: [SocketIOValue]? {
        if case .array(let value) = self { return value }
        return nil
    }

    /// The members, or `nil` when the value is not an object.
    public var objectValue: [String: SocketIOValue]? {
        if case .object(let value) = self { return value }
        return nil
    }

    /// The bytes, or `nil` when the value is not binary.
    public var binaryValue: Data? {
        if case .binary(let value) = self { return value }
        return nil
    }

    /// `true` only for `.null`.
    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// The member named `key` when the value is an object; `nil` otherwise or when the key is absent.
    public subscript(key: String) -> SocketIOValue? {
        objectValue?[key]
    }

    /// The element at `index` when the value is an array and the index is in range; `nil` otherwise.
    public subscript(index: Int) -> SocketIOValue? {
        guard let array = arrayValue, array.indices.contains(index) else { return nil }
        return array[index]
    }

    /// `true` when the value or anything nested in it is `.binary`.
    public var containsBinary: Bool {
        switch self {
        case .binary: return true
        case .array(let values): return values.contains { $0.containsBinary }
        case .object(let members): return members.values.contains { $0.containsBinary }
        default: return false
        }
    }
}

extension SocketIOValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral,
    ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
    /// A `.string`.
    public init(stringLiteral value: String) { self = .string(value) }
    /// A `.number`.
    public init(integerLiteral value: Int) { self = .number(Double(value)) }
    /// A `.number`.
    public init(floatLiteral value: Double) { self = .number(value) }
    /// A `.bool`.
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    /// An `.array`.
    public init(arrayLiteral elements: SocketIOValue...) { self = .array(elements) }
    /// An `.object`; a repeated key keeps its last value.
    public init(dictionaryLiteral elements: (String, SocketIOValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
}
