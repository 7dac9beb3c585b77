import MultipartStreaming
import Testing

@Suite("Multipart bodies split into chunks")
struct MultipartChunkingTests {
    static let bodies: [(boundary: String, body: String)] = [
        ("X", MultipartParserTests.twoFields),
        ("X", "preamble\r\n--X \t\r\nA: b\r\n\r\n\r\n--X\r\n\r\n--X-\r\n--\r\r\n\r\n--X--epilogue\r\n--X"),
        ("a-a-ab", "--a-a-ab\r\nName: v\r\n\r\n\r\n--a-a-a-a\r\n--a-a-a\r\n--a\r\n--a-a-\r\n--a-a-ab--"),
    ]

    @Test(arguments: bodies.indices)
    func everySplitGivesTheSameParts(index: Int) {
        let (boundary, body) = Self.bodies[index]
        let whole = parse(body, boundary: boundary)
        #expect(whole.error == nil)
        #expect(!whole.body.parts.isEmpty)
        for pieces in splits(of: Array(body.utf8)) {
            let split = parse(pieces, boundary: boundary)
            #expect(split.error == nil)
            #expect(split.body == whole.body, "split at \(pieces.first?.count ?? 0) of \(pieces.count) pieces")
        }
    }

    @Test func everyThreeWaySplitGivesTheSameParts() {
        let bytes = Array("--X\r\nA: b\r\n\r\n\r\n--\r\n-X\r\n--X--".utf8)
        let whole = parse([bytes])
        for first in 0...bytes.count {
            for second in first...bytes.count {
                let split = parse([Array(bytes[..<first]), Array(bytes[first..<second]), Array(bytes[second...])])
                #expect(split.body == whole.body && split.error == nil)
            }
        }
    }

    /// Random bodies full of near-delimiters (`\r`, `\n`, `-` and the boundary's letters), fed in random pieces:
    /// each comes back byte for byte.
    @Test func randomBodiesOfNearDelimitersComeBackWhole() {
        var random = SplitMix64(seed: 0x5EED)
        let alphabet = Array("\r\n-ab".utf8)
        for _ in 0..<300 {
            let content = (0..<Int(random.next() % 80)).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] }
            let boundary = "ab-ab"
            let delimiter = Array("\r\n--\(boundary)".utf8)
            guard !(content + delimiter.dropLast()).contains(delimiter) else { continue }
            let body = Array("--\(boundary)\r\n\r\n".utf8) + content + delimiter + Array("--".utf8)
            var pieces: [[UInt8]] = []
            var start = 0
            while start < body.count {
                let end = min(body.count, start + 1 + Int(random.next() % 7))
                pieces.append(Array(body[start..<end]))
                start = end
            }
            let result = parse(pieces, boundary: boundary)
            #expect(result.error == nil)
            #expect(result.body.parts == [ParsedBody.Part(headers: [], body: content, isComplete: true)])
        }
    }
}

/// A small deterministic random source, so a failure repeats.
struct SplitMix64 {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
