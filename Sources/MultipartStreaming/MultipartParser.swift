/// An incremental `multipart/form-data` (RFC 7578, RFC 2046) parser: feed it the body in chunks split anywhere,
/// and it reports parts, their headers and their body bytes as soon as they are certain.
///
/// Whatever the input, it never traps, and its memory stays within one header line
/// (`MultipartLimits.maximumHeaderLineBytes`), one part's header fields (`maximumHeaderCount`) and the boundary
/// delimiter, besides the events of the chunk at hand. Line ends are CRLF only; the preamble before the first
/// boundary and the epilogue after the final one are ignored, as is transport padding after a boundary.
public struct MultipartParser: Sendable {
    private enum State: Sendable {
        case preamble
        case afterDelimiter
        case closingDash
        case padding
        case delimiterLineFeed
        case headerLine
        case headerLineFeed
        case body
        case epilogue
        case failed(MultipartError)
    }

    private var state = State.preamble
    private var matcher: DelimiterMatcher
    private var line: [UInt8] = []
    private var headers: [MultipartHeader] = []
    private let limits: MultipartLimits

    /// A parser for bodies delimited by `boundary`; nil unless `boundary` is 1 to 200 bytes of RFC 2046 boundary
    /// characters (letters, digits, `'()+_,-./:=?` and spaces, not last).
    public init?(boundary: String, limits: MultipartLimits = MultipartLimits()) {
        let bytes = Array(boundary.utf8)
        guard (1...200).contains(bytes.count), bytes.allSatisfy(Self.isBoundaryByte), bytes.last != 0x20 else { return nil }
        matcher = DelimiterMatcher(boundary: bytes)
        self.limits = limits
    }

    /// Parses the next chunk of the body and returns what it completed, in order. Throws `MultipartError` when
    /// the body breaks the syntax or a limit; after that every call throws the same error.
    public mutating func feed(_ chunk: some Collection<UInt8>) throws(MultipartError) -> [MultipartEvent] {
        let bytes = Array(chunk)
        var events: [MultipartEvent] = []
        var index = 0
        while index < bytes.count {
            switch state {
            case .preamble, .body:
                index = scanContent(bytes, from: index, into: &events)
            case .headerLine:
                index = try readHeaderLine(bytes, from: index, into: &events)
            case .epilogue:
                index = bytes.count
            case .failed(let error):
                throw error
            default:
                if let event = try step(bytes[index]) { events.append(event) }
                index += 1
            }
        }
        if case .failed(let error) = state { throw error }
        return events
    }

    /// Declares the body complete. Throws `MultipartError.truncated` unless the final boundary has been read
    /// (or the error the parser already failed with).
    public func finish() throws(MultipartError) {
        switch state {
        case .epilogue: return
        case .failed(let error): throw error
        default: throw .truncated
        }
    }

    /// Reads preamble or body bytes up to the next delimiter; body bytes become events.
    private mutating func scanContent(_ bytes: [UInt8], from start: Int, into events: inout [MultipartEvent]) -> Int {
        var content: [UInt8] = []
        let end = matcher.scan(bytes, from: start, into: &content)
        guard case .body = state else {
            if end != nil { state = .afterDelimiter }
            return end ?? bytes.count
        }
        if !content.isEmpty { events.append(.body(content)) }
        guard let end else { return bytes.count }
        events.append(.partEnd)
        state = .afterDelimiter
        return end
    }

    /// One byte of what follows a delimiter (`--`, or padding then CRLF) or of a header line's CRLF; returns the
    /// part that a blank header line opens.
    private mutating func step(_ byte: UInt8) throws(MultipartError) -> MultipartEvent? {
        switch (state, byte) {
        case (.afterDelimiter, UInt8(ascii: "-")): state = .closingDash
        case (.closingDash, UInt8(ascii: "-")): state = .epilogue
        case (.afterDelimiter, 0x20), (.afterDelimiter, 0x09), (.padding, 0x20), (.padding, 0x09): state = .padding
        case (.afterDelimiter, UInt8(ascii: "\r")), (.padding, UInt8(ascii: "\r")): state = .delimiterLineFeed
        case (.delimiterLineFeed, UInt8(ascii: "\n")):
            headers = []
            line = []
            state = .headerLine
        case (.headerLineFeed, UInt8(ascii: "\n")):
            return try completeHeaderLine()
        default:
            try fail(.malformed)
        }
        return nil
    }

    /// Collects header line bytes up to a CR (not included).
    private mutating func readHeaderLine(
        _ bytes: [UInt8], from start: Int, into events: inout [MultipartEvent]
    ) throws(MultipartError) -> Int {
        var index = start
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            if byte == UInt8(ascii: "\r") {
                state = .headerLineFeed
                return index
            }
            guard byte != UInt8(ascii: "\n") else { try fail(.malformed) }
            guard line.count < limits.maximumHeaderLineBytes else { try fail(.headerLineTooLong) }
            line.append(byte)
        }
        return index
    }

    /// Ends a header line: an empty one opens the part's body, any other must be a header field within limits.
    private mutating func completeHeaderLine() throws(MultipartError) -> MultipartEvent? {
        defer { line = [] }
        if line.isEmpty {
            let part = MultipartEvent.part(headers)
            headers = []
            state = .body
            return part
        }
        guard let header = MultipartHeader(line: line) else { try fail(.malformed) }
        guard headers.count < limits.maximumHeaderCount else { try fail(.tooManyHeaders) }
        headers.append(header)
        state = .headerLine
        return nil
    }

    private mutating func fail(_ error: MultipartError) throws(MultipartError) -> Never {
        state = .failed(error)
        throw error
    }

    private static func isBoundaryByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
            UInt8(ascii: "'")...UInt8(ascii: ")"), UInt8(ascii: "+")...UInt8(ascii: "/"), UInt8(ascii: ":"), UInt8(ascii: "="),
            UInt8(ascii: "?"), UInt8(ascii: "_"), UInt8(ascii: " "):
            true
        default:
            false
        }
    }
}
