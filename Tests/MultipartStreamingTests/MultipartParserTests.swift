import MultipartStreaming
import Testing

@Suite("Multipart body structure")
struct MultipartParserTests {
    static let twoFields = "--X\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nfirst\r\n"
        + "--X\r\nContent-Disposition: form-data; name=\"b\"\r\n\r\nsecond\r\nline\r\n--X--\r\n"

    @Test func partsComeWithTheirHeadersAndBodiesInOrder() {
        let result = parse(Self.twoFields)
        #expect(result.error == nil)
        #expect(result.body.parts == [formPart("a", "first"), formPart("b", "second\r\nline")])
    }

    @Test func thePreambleAndTheEpilogueAreIgnored() {
        let body = "This is the preamble; --X is not at a line start\r\n-- X\r\n--x\r\n" + Self.twoFields
            + "epilogue --X\r\n--X\r\nstill epilogue"
        let result = parse(body)
        #expect(result.error == nil)
        #expect(result.body.parts == [formPart("a", "first"), formPart("b", "second\r\nline")])
    }

    @Test func transportPaddingAfterABoundaryIsSkipped() {
        let result = parse("--X \t \r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nv\r\n--X\t\r\n\r\nw\r\n--X--")
        #expect(result.error == nil)
        #expect(result.body.parts == [formPart("a", "v"), ParsedBody.Part(headers: [], body: Array("w".utf8), isComplete: true)])
    }

    @Test func emptyBodiesAndPartsWithoutHeadersAreParts() {
        let result = parse("--X\r\n\r\n\r\n--X\r\nA: b\r\n\r\n\r\n--X--")
        #expect(result.error == nil)
        #expect(result.body.parts == [
            ParsedBody.Part(headers: [], body: [], isComplete: true),
            ParsedBody.Part(headers: [MultipartHeader(name: "A", value: "b")], body: [], isComplete: true),
        ])
    }

    @Test func aBodyWithOnlyTheFinalBoundaryHasNoParts() {
        let result = parse("--X--\r\n")
        #expect(result.error == nil)
        #expect(result.body.parts.isEmpty)
    }

    @Test(arguments: [
        "",
        "preamble only",
        "--X\r\n",
        "--X\r\nA: b\r\n",
        "--X\r\nA: b\r\n\r\nbody without its delimiter",
        "--X\r\nA: b\r\n\r\nbody\r\n--X",
        "--X\r\nA: b\r\n\r\nbody\r\n--X-",
        "--X\r\nA: b\r\n\r\nbody\r\n--X\r\n",
    ])
    func aBodyWithoutItsFinalBoundaryIsTruncated(body: String) {
        #expect(parse(body).error == .truncated)
    }

    @Test func aBodyCutInsideAPartStillReportedTheBytesBeforeTheCut() {
        let result = parse("--X\r\nA: b\r\n\r\nhello")
        #expect(result.error == .truncated)
        #expect(result.body.parts == [ParsedBody.Part(headers: [MultipartHeader(name: "A", value: "b")], body: Array("hello".utf8), isComplete: false)])
    }

    @Test(arguments: [
        "--Xjunk\r\n\r\nv\r\n--X--",
        "--X\r\n\r\nv\r\n--Xy\r\n--X--",
        "--X-\r\n",
        "--X \tjunk\r\n",
        "--X\rjunk",
        "--X\n\r\nv\r\n--X--",
    ])
    func textRightAfterABoundaryIsMalformed(body: String) {
        #expect(parse(body).error == .malformed)
    }

    @Test func boundaryLikeTextInsideABodyIsContent() {
        let content = "--X\r\n-X\r\n--\r\n--x\r-\r\n-\r\n--\r\r\n-\n--X\r\r\n\n\r\n\r\n-"
        let result = parse("--X\r\n\r\n" + content + "\r\n--X--")
        #expect(result.error == nil)
        #expect(result.body.parts == [ParsedBody.Part(headers: [], body: Array(content.utf8), isComplete: true)])
    }

    @Test func aSelfOverlappingBoundaryIsFoundAfterFalseStarts() {
        let boundary = "a-a-ab"
        let content = "\r\n--a-a-a-a\r\n--a-a-a\r\n--a\r\n--a-a-"
        let result = parse("--\(boundary)\r\n\r\n\(content)\r\n--\(boundary)--", boundary: boundary)
        #expect(result.error == nil)
        #expect(result.body.parts == [ParsedBody.Part(headers: [], body: Array(content.utf8), isComplete: true)])
    }

    @Test(arguments: ["", String(repeating: "b", count: 201), "a\u{E9}", "a\r\nb", "a\"b", "trailing "])
    func anUnusableBoundaryIsRefused(boundary: String) {
        #expect(MultipartParser(boundary: boundary) == nil)
    }

    @Test func aParserThatFailedKeepsFailing() throws {
        var parser = try #require(MultipartParser(boundary: "X"))
        #expect(throws: MultipartError.malformed) { try parser.feed(Array("--Xjunk".utf8)) }
        #expect(throws: MultipartError.malformed) { try parser.feed(Array("\r\n\r\n".utf8)) }
        #expect(throws: MultipartError.malformed) { try parser.feed([UInt8]()) }
        #expect(throws: MultipartError.malformed) { try parser.finish() }
    }
}
