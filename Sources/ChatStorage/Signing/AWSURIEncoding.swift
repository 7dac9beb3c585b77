/// Percent-encoding and path rules of AWS Signature V4.
enum AWSURIEncoding {
    /// Encodes every byte except the unreserved `A-Z a-z 0-9 - . _ ~` as `%XX` (uppercase hex).
    /// With `keepingSlash`, `/` is kept as well (paths); otherwise it becomes `%2F` (query names and values).
    static func encode(_ string: String, keepingSlash: Bool = false) -> String {
        var result = ""
        result.reserveCapacity(string.utf8.count)
        for byte in string.utf8 {
            if isUnreserved(byte) || (keepingSlash && byte == UInt8(ascii: "/")) {
                result.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                result += "%"
                result += hexDigit(byte >> 4)
                result += hexDigit(byte & 0x0F)
            }
        }
        return result
    }

    /// Removes empty, `.` and `..` segments the way RFC 3986 `remove_dot_segments` does, collapsing `//`.
    /// A trailing slash is kept when the path named a directory. The result always starts with `/`.
    static func normalizePath(_ path: String) -> String {
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        var kept: [Substring] = []
        for segment in segments {
            switch segment {
            case "", ".": continue
            case "..": _ = kept.popLast()
            default: kept.append(segment)
            }
        }
        guard !kept.isEmpty else { return "/" }
        let last = segments.last ?? ""
        let trailingSlash = last.isEmpty || last == "." || last == ".."
        return "/" + kept.joined(separator: "/") + (trailingSlash ? "/" : "")
    }

    /// Decodes `%XX` escapes; invalid escapes are kept as they are.
    static func decode(_ string: String) -> String {
        var bytes: [UInt8] = []
        var iterator = Array(string.utf8)[...]
        while let byte = iterator.popFirst() {
            if byte == UInt8(ascii: "%"), iterator.count >= 2,
                let high = hexValue(iterator[iterator.startIndex]),
                let low = hexValue(iterator[iterator.startIndex + 1])
            {
                bytes.append(high << 4 | low)
                iterator = iterator.dropFirst(2)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
            UInt8(ascii: "~"):
            true
        default:
            false
        }
    }

    private static func hexDigit(_ nibble: UInt8) -> String {
        String(UnicodeScalar(nibble < 10 ? nibble + 48 : nibble + 55))
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - 48
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - 55
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - 87
        default: nil
        }
    }
}
