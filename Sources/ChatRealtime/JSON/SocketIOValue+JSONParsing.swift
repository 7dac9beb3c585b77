import Foundation

extension SocketIOValue {
    /// Parses one complete JSON text (RFC 8259).
    ///
    /// Returns `nil` for anything that is not exactly one valid JSON value with optional surrounding
    /// whitespace, and for nesting deeper than `maximumDepth` (so hostile input cannot exhaust the stack).
    /// Never produces `.binary`.
    public static func parseJSON<Bytes: Collection<UInt8>>(_ bytes: Bytes, maximumDepth: Int = 64) -> SocketIOValue? {
        var reader = JSONReader(bytes: Array(bytes), maximumDepth: maximumDepth)
        return reader.readDocument()
    }

    /// Parses one complete JSON text held in a string; same guarantees as the byte form.
    public static func parseJSON(_ text: String, maximumDepth: Int = 64) -> SocketIOValue? {
        parseJSON(text.utf8, maximumDepth: maximumDepth)
    }
}

/// A strict recursive-descent JSON reader; every failure is reported as `nil`.
struct JSONReader {
    private let bytes: [UInt8]
    private let maximumDepth: Int
    private var index = 0
    private var depth = 0

    init(bytes: [UInt8], maximumDepth: Int) {
        self.bytes = bytes
        self.maximumDepth = maximumDepth
    }

    mutating func readDocument() -> SocketIOValue? {
        skipWhitespace()
        guard let value = readValue() else { return nil }
        skipWhitespace()
        guard index == bytes.count else { return nil }
        return value
    }

    private var current: UInt8? { index < bytes.count ? bytes[index] : nil }

    private mutating func skipWhitespace() {
        while let byte = current, byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 { index += 1 }
    }

    private mutating func readValue() -> SocketIOValue? {
        guard let byte = current else { return nil }
        switch byte {
        case UInt8(ascii: "{"): return readObject()
        case UInt8(ascii: "["): return readArray()
        case UInt8(ascii: "\""): return readString().map(SocketIOValue.string)
        case UInt8(ascii: "t"): return readLiteral("true", .bool(true))
        case UInt8(ascii: "f"): return readLiteral("false", .bool(false))
        case UInt8(ascii: "n"): return readLiteral("null", .null)
        default: return readNumber()
        }
    }

    private mutating func readLiteral(_ word: String, _ value: SocketIOValue) -> SocketIOValue? {
        let expected = word.utf8
        let count = expected.count
        guard index + count <= bytes.count, expected.elementsEqual(bytes[index..<index + count]) else { return nil }
        index += count
        return value
    }

    private mutating func enterContainer() -> Bool {
        depth += 1
        index += 1
        return depth <= maximumDepth
    }

    private mutating func readArray() -> SocketIOValue? {
        guard enterContainer() else { return nil }
        defer { depth -= 1 }
        var elements: [SocketIOValue] = []
        skipWhitespace()
        if current == UInt8(ascii: "]") {
            index += 1
            return .array(elements)
        }
        while true {
            skipWhitespace()
            guard let element = readValue() else { return nil }
            elements.append(element)
            skipWhitespace()
            switch current {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "]"):
                index += 1
                return .array(elements)
            default: return nil
            }
        }
    }

    private mutating func readObject() -> SocketIOValue? {
        guard enterContainer() else { return nil }
        defer { depth -= 1 }
        var members: [String: SocketIOValue] = [:]
        skipWhitespace()
        if current == UInt8(ascii: "}") {
            index += 1
            return .object(members)
        }
        while true {
            skipWhitespace()
            guard current == UInt8(ascii: "\""), let key = readString() else { return nil }
            skipWhitespace()
            guard current == UInt8(ascii: ":") else { return nil }
            index += 1
            skipWhitespace()
            guard let value = readValue() else { return nil }
            members[key] = value
            skipWhitespace()
            switch current {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "}"):
                index += 1
                return .object(members)
            default: return nil
            }
        }
    }

    private mutating func readNumber() -> SocketIOValue? {
        let start = index
        if current == UInt8(ascii: "-") { index += 1 }
        guard let first = current, isDigit(first) else { return nil }
        if first == UInt8(ascii: "0") {
            index += 1
        } else {
            skipDigits()
        }
        if current == UInt8(ascii: ".") {
            index += 1
            guard let byte = current, isDigit(byte) else { return nil }
            skipDigits()
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            index += 1
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { index += 1 }
            guard let byte = current, isDigit(byte) else { return nil }
            skipDigits()
        }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        guard let number = Double(text), number.isFinite else { return nil }
        return .number(number)
    }

    private func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    private mutating func skipDigits() {
        while let byte = current, isDigit(byte) { index += 1 }
    }

    private mutating func readString() -> String? {
        index += 1
        var scalars = String.UnicodeScalarView()
        var runStart = index
        while let byte = current {
            switch byte {
            case UInt8(ascii: "\""):
                guard let run = String(validating: bytes[runStart..<index], as: UTF8.self) else { return nil }
                scalars.append(contentsOf: run.unicodeScalars)
                index += 1
                return String(scalars)
            case UInt8(ascii: "\\"):
                guard let run = String(validating: bytes[runStart..<index], as: UTF8.self) else { return nil }
                scalars.append(contentsOf: run.unicodeScalars)
                index += 1
                guard let scalar = readEscape() else { return nil }
                scalars.append(scalar)
                runStart = index
            case 0x00..<0x20:
                return nil
            default:
                index += 1
            }
        }
        return nil
    }

    private mutating func readEscape() -> Unicode.Scalar? {
        guard let byte = current else { return nil }
        index += 1
        switch byte {
        case UInt8(ascii: "\""): return "\""
        case UInt8(ascii: "\\"): return "\\"
        case UInt8(ascii: "/"): return "/"
        case UInt8(ascii: "b"): return "\u{08}"
        case UInt8(ascii: "f"): return "\u{0C}"
        case UInt8(ascii: "n"): return "\n"
        case UInt8(ascii: "r"): return "\r"
        case UInt8(ascii: "t"): return "\t"
        case UInt8(ascii: "u"): return readUnicodeEscape()
        default: return nil
        }
    }

    private mutating func readUnicodeEscape() -> Unicode.Scalar? {
        guard let high = readHex4() else { return nil }
        if (0xD800..<0xDC00).contains(high) {
            guard current == UInt8(ascii: "\\"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "u")
            else { return nil }
            index += 2
            guard let low = readHex4(), (0xDC00..<0xE000).contains(low) else { return nil }
            return Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))
        }
        return Unicode.Scalar(high)
    }

    private mutating func readHex4() -> UInt32? {
        guard index + 4 <= bytes.count else { return nil }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt32
            switch byte {
            case 0x30...0x39: digit = UInt32(byte - 0x30)
            case 0x41...0x46: digit = UInt32(byte - 0x41 + 10)
            case 0x61...0x66: digit = UInt32(byte - 0x61 + 10)
            default: return nil
            }
            value = value << 4 | digit
            index += 1
        }
        return value
    }
}
