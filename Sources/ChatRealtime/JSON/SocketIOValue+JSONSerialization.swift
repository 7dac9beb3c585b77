import Foundation

extension SocketIOValue {
    /// Compact JSON text for the value (no whitespace, object keys sorted, `/` not escaped).
    ///
    /// Integral numbers below 2^53 are written without a fraction (`1`, not `1.0`); non-finite numbers
    /// become `null`; `.binary` is written here as a base64 string (packets carry binary as attachments
    /// with `{"_placeholder":true,"num":N}` instead).
    public var jsonText: String {
        var output = ""
        JSONWriter.write(self, into: &output, binary: { data, out in JSONWriter.writeString(data.base64EncodedString(), into: &out) })
        return output
    }
}

/// Writes `SocketIOValue`s as compact JSON; binary handling is delegated to the caller.
enum JSONWriter {
    typealias BinaryWriter = (Data, inout String) -> Void

    static func write(_ value: SocketIOValue, into output: inout String, binary: BinaryWriter) {
        switch value {
        case .null: output += "null"
        case .bool(let flag): output += flag ? "true" : "false"
        case .number(let number): writeNumber(number, into: &output)
        case .string(let text): writeString(text, into: &output)
        case .binary(let data): binary(data, &output)
        case .array(let elements):
            output += "["
            for (position, element) in elements.enumerated() {
                if position > 0 { output += "," }
                write(element, into: &output, binary: binary)
            }
            output += "]"
        case .object(let members):
            output += "{"
            for (position, key) in members.keys.sorted().enumerated() {
                if position > 0 { output += "," }
                writeString(key, into: &output)
                output += ":"
                write(members[key]!, into: &output, binary: binary)
            }
            output += "}"
        }
    }

    static func writeNumber(_ number: Double, into output: inout String) {
        guard number.isFinite else {
            output += "null"
            return
        }
        if number.rounded() == number, abs(number) < 9_007_199_254_740_992 {
            output += String(Int64(number))
        } else {
            output += "\(number)"
        }
    }

    static func writeString(_ text: String, into output: inout String) {
        output += "\""
        // Most strings (ids, dates, names, most messages) need no escape: appended whole, not scalar by scalar.
        guard text.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) else {
            output += text
            output += "\""
            return
        }
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case "\u{08}": output += "\\b"
            case "\u{0C}": output += "\\f"
            case "\u{00}"..."\u{1F}":
                let hex = String(scalar.value, radix: 16)
                output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: output.unicodeScalars.append(scalar)
            }
        }
        output += "\""
    }
}
