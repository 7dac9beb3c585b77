import MultipartStreaming
import Testing

@Suite("Multipart part headers")
struct MultipartHeaderTests {
    static func body(headerLines: [String]) -> String {
        "--X\r\n" + headerLines.map { $0 + "\r\n" }.joined() + "\r\nv\r\n--X--\r\n"
    }

    @Test func namesAndValuesAreReadWithSurroundingBlanksTrimmed() {
        let result = parse(Self.body(headerLines: ["content-TYPE:text/plain", "X-Empty:", "X-Blank: \t value with  inner\tspace \t"]))
        #expect(result.error == nil)
        #expect(result.body.parts.first?.headers == [
            MultipartHeader(name: "content-TYPE", value: "text/plain"),
            MultipartHeader(name: "X-Empty", value: ""),
            MultipartHeader(name: "X-Blank", value: "value with  inner\tspace"),
        ])
    }

    @Test func aValueWithUTF8AndOtherHighBytesIsKept() {
        let utf8 = "form-data; name=\"file\"; filename=\"привет ё.png\""
        let bytes = Array("--X\r\nContent-Disposition: \(utf8)\r\nX-Latin1: caf".utf8) + [0xE9]
            + Array("\r\n\r\nv\r\n--X--".utf8)
        let result = parse([bytes])
        #expect(result.error == nil)
        #expect(result.body.parts.first?.headers == [
            MultipartHeader(name: "Content-Disposition", value: utf8),
            MultipartHeader(name: "X-Latin1", value: "caf\u{FFFD}"),
        ])
    }

    /// The input that crashed MultipartKit 4.7.1 (a 128-entry table indexed with the byte).
    @Test func aNameWithAByteFrom0x80UpIsMalformed() {
        for high: [UInt8] in [[0xC3, 0xA9], [0x80], [0xFF]] {
            let bytes = Array("--X\r\nX-".utf8) + high + Array(": a\r\n\r\nhi\r\n--X--\r\n".utf8)
            for pieces in splits(of: bytes) {
                #expect(parse(pieces).error == .malformed)
            }
        }
    }

    @Test(arguments: [
        "no colon here",
        ": empty name",
        "Name : space before the colon",
        "Na me: space inside the name",
        "Name\u{0}: NUL in the name",
        "Name: NUL \u{0} in the value",
        "Name: DEL \u{7F} in the value",
        "Name: escape \u{1B} in the value",
        " folded: continuation",
        "\tfolded: continuation",
        "Name: bare \r inside",
    ])
    func aBadHeaderLineIsMalformed(line: String) {
        #expect(parse(Self.body(headerLines: ["A: b", line])).error == .malformed)
    }

    @Test func aBareLineFeedInTheHeadersIsMalformed() {
        #expect(parse("--X\r\nA: b\nC: d\r\n\r\nv\r\n--X--").error == .malformed)
        #expect(parse("--X\r\nA: b\r\n\n\r\nv\r\n--X--").error == .malformed)
    }

    @Test func aHeaderLineUpToTheLimitIsReadAndOneByteMoreIsRefused() {
        let limits = MultipartLimits(maximumHeaderLineBytes: 64, maximumHeaderCount: 4)
        let fitting = "A: " + String(repeating: "v", count: 61)
        let fits = parse(Self.body(headerLines: [fitting]), limits: limits)
        #expect(fits.error == nil)
        #expect(fits.body.parts.first?.headers.first?.value.utf8.count == 61)
        #expect(parse(Self.body(headerLines: [fitting + "v"]), limits: limits).error == .headerLineTooLong)
    }

    @Test func anEndlessHeaderLineIsRefusedAtTheDefault8KiB() throws {
        var parser = try #require(MultipartParser(boundary: "X"))
        _ = try parser.feed(Array("--X\r\nA: ".utf8))
        _ = try parser.feed([UInt8](repeating: 0x61, count: 8 * 1024 - 3))
        #expect(throws: MultipartError.headerLineTooLong) { try parser.feed([0x61]) }
    }

    @Test func headerLinesUpToTheCountAreReadAndOneMoreIsRefused() {
        let lines = (1...32).map { "H\($0): v" }
        let fits = parse(Self.body(headerLines: lines))
        #expect(fits.error == nil)
        #expect(fits.body.parts.first?.headers.count == 32)
        #expect(parse(Self.body(headerLines: lines + ["H33: v"])).error == .tooManyHeaders)
    }

    @Test func theHeaderCountIsPerPart() {
        let headers = (1...32).map { "H\($0): v\r\n" }.joined()
        let result = parse("--X\r\n\(headers)\r\na\r\n--X\r\n\(headers)\r\nb\r\n--X--")
        #expect(result.error == nil)
        #expect(result.body.parts.map(\.headers.count) == [32, 32])
    }
}
