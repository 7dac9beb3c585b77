/// Splits a SQL script into statements, because PostgresNIO sends each query with the extended protocol,
/// which accepts one statement at a time.
///
/// A statement ends at a `;` outside of comments (`--`, nested `/* */`), string literals (`'…'` with `''`,
/// `E'…'` with backslash escapes), quoted identifiers (`"…"`) and dollar quotes (`$tag$…$tag$`, so function
/// bodies stay whole). Statements holding only comments and whitespace are dropped.
enum PostgresSQLScript {
    static func statements(_ script: String) -> [String] {
        let bytes = Array(script.utf8)
        var statements: [String] = []
        var start = 0
        var hasCode = false
        var index = 0

        func finish(at end: Int) {
            if hasCode {
                let text = String(decoding: bytes[start..<end], as: UTF8.self)
                statements.append(text.trimmingWhitespace())
            }
            start = end + 1
            hasCode = false
        }

        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "-") where next(bytes, index) == UInt8(ascii: "-"):
                index = skipLine(bytes, from: index)
                continue
            case UInt8(ascii: "/") where next(bytes, index) == UInt8(ascii: "*"):
                index = skipBlockComment(bytes, from: index)
                continue
            case UInt8(ascii: "'"):
                let escapes = index > 0 && (bytes[index - 1] == UInt8(ascii: "E") || bytes[index - 1] == UInt8(ascii: "e"))
                    && (index < 2 || !isIdentifier(bytes[index - 2]))
                index = skipQuoted(bytes, from: index, quote: byte, backslashEscapes: escapes)
                hasCode = true
                continue
            case UInt8(ascii: "\""):
                index = skipQuoted(bytes, from: index, quote: byte, backslashEscapes: false)
                hasCode = true
                continue
            case UInt8(ascii: "$"):
                if let end = skipDollarQuote(bytes, from: index) {
                    index = end
                    hasCode = true
                    continue
                }
                hasCode = true
            case UInt8(ascii: ";"):
                finish(at: index)
            case UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
                break
            default:
                hasCode = true
            }
            index += 1
        }
        finish(at: bytes.count)
        return statements
    }

    private static func next(_ bytes: [UInt8], _ index: Int) -> UInt8? {
        index + 1 < bytes.count ? bytes[index + 1] : nil
    }

    private static func isIdentifier(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "_") || byte >= 0x80
    }

    /// The index after the end of the line.
    private static func skipLine(_ bytes: [UInt8], from index: Int) -> Int {
        var index = index
        while index < bytes.count && bytes[index] != UInt8(ascii: "\n") { index += 1 }
        return index
    }

    /// The index after the matching `*/`; block comments nest in PostgreSQL.
    private static func skipBlockComment(_ bytes: [UInt8], from index: Int) -> Int {
        var depth = 0
        var index = index
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "/"), next(bytes, index) == UInt8(ascii: "*") {
                depth += 1
                index += 2
            } else if bytes[index] == UInt8(ascii: "*"), next(bytes, index) == UInt8(ascii: "/") {
                depth -= 1
                index += 2
                if depth == 0 { return index }
            } else {
                index += 1
            }
        }
        return index
    }

    /// The index after the closing quote; a doubled quote is part of the text.
    private static func skipQuoted(_ bytes: [UInt8], from index: Int, quote: UInt8, backslashEscapes: Bool) -> Int {
        var index = index + 1
        while index < bytes.count {
            if backslashEscapes && bytes[index] == UInt8(ascii: "\\") {
                index += 2
            } else if bytes[index] == quote {
                if next(bytes, index) == quote { index += 2 } else { return index + 1 }
            } else {
                index += 1
            }
        }
        return index
    }

    /// When a dollar quote opens at `index`, the index after its closing tag; nil for `$1` and the like.
    private static func skipDollarQuote(_ bytes: [UInt8], from index: Int) -> Int? {
        if index > 0 && isIdentifier(bytes[index - 1]) { return nil }
        var tagEnd = index + 1
        while tagEnd < bytes.count && bytes[tagEnd] != UInt8(ascii: "$") {
            let byte = bytes[tagEnd]
            let isDigit = byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
            guard isIdentifier(byte), !(tagEnd == index + 1 && isDigit) else { return nil }
            tagEnd += 1
        }
        guard tagEnd < bytes.count else { return nil }
        let tag = Array(bytes[index...tagEnd])
        var search = tagEnd + 1
        while search + tag.count <= bytes.count {
            if bytes[search] == UInt8(ascii: "$") && Array(bytes[search..<(search + tag.count)]) == tag {
                return search + tag.count
            }
            search += 1
        }
        return bytes.count
    }
}

extension String {
    fileprivate func trimmingWhitespace() -> String {
        var scalars = Substring(self)
        while let first = scalars.first, first.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }
}
