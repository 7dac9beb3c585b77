/// Finds the boundary delimiter `CRLF--boundary` in a byte stream that arrives in pieces split anywhere.
///
/// A streaming Knuth–Morris–Pratt search: it holds back only the bytes that may still begin a delimiter (never
/// more than the delimiter's length, kept as a count because they equal the delimiter's first bytes), and reads
/// each byte once, so hostile bodies cost linear time.
struct DelimiterMatcher: Sendable {
    private let delimiter: [UInt8]
    /// `fallback[i]`: the length of the longest proper prefix of `delimiter[0...i]` that is also its suffix.
    private let fallback: [Int]
    /// How many of the delimiter's first bytes the stream's held-back tail matches.
    private var matched: Int

    /// A matcher for `boundary` at the start of a stream, which counts as preceded by CRLF (RFC 2046 lets the
    /// first delimiter open the body).
    init(boundary: [UInt8]) {
        let delimiter = Array("\r\n--".utf8) + boundary
        var fallback = [Int](repeating: 0, count: delimiter.count)
        var length = 0
        for index in delimiter.indices.dropFirst() {
            while length > 0, delimiter[index] != delimiter[length] { length = fallback[length - 1] }
            if delimiter[index] == delimiter[length] { length += 1 }
            fallback[index] = length
        }
        self.delimiter = delimiter
        self.fallback = fallback
        matched = 2
    }

    /// Reads `bytes` from `start` up to the end of the next delimiter. Appends to `content` the bytes that are
    /// certainly not part of a delimiter, in order, and returns the index just past the delimiter; or nil when
    /// `bytes` ends first, with the bytes that may begin one held back for the next call.
    mutating func scan(_ bytes: [UInt8], from start: Int, into content: inout [UInt8]) -> Int? {
        var index = start
        while index < bytes.count {
            if matched == 0 {
                // Nothing held back: everything before the next CR is content.
                guard let carriageReturn = bytes[index...].firstIndex(of: UInt8(ascii: "\r")) else {
                    content.append(contentsOf: bytes[index...])
                    return nil
                }
                content.append(contentsOf: bytes[index..<carriageReturn])
                matched = 1
                index = carriageReturn + 1
                continue
            }
            let byte = bytes[index]
            var next = matched
            while next > 0, delimiter[next] != byte { next = fallback[next - 1] }
            if delimiter[next] == byte { next += 1 }
            // The held-back bytes plus `byte` shrink to the last `next` of them; the ones in front are content.
            let released = matched + 1 - next
            if released > matched {
                content.append(contentsOf: delimiter[0..<matched])
                content.append(byte)
            } else {
                content.append(contentsOf: delimiter[0..<released])
            }
            matched = next
            index += 1
            if matched == delimiter.count {
                matched = 0
                return index
            }
        }
        return nil
    }
}
