import MultipartStreaming

/// A whole body's events with each part's body bytes joined, so bodies split differently compare equal.
struct ParsedBody: Equatable {
    struct Part: Equatable {
        var headers: [MultipartHeader]
        var body: [UInt8]
        var isComplete: Bool
    }

    var parts: [Part] = []

    /// Folds `events` into parts; a body event outside a part, or a part opened inside another, is recorded as
    /// an extra part with the name `"unexpected"` so tests see it.
    mutating func add(_ events: [MultipartEvent]) {
        for event in events {
            switch event {
            case .part(let headers):
                if let last = parts.last, !last.isComplete { parts.append(Part(headers: [MultipartHeader(name: "unexpected", value: "")], body: [], isComplete: true)) }
                parts.append(Part(headers: headers, body: [], isComplete: false))
            case .body(let bytes):
                guard let last = parts.indices.last, !parts[last].isComplete, !bytes.isEmpty else {
                    parts.append(Part(headers: [MultipartHeader(name: "unexpected", value: "")], body: bytes, isComplete: true))
                    continue
                }
                parts[last].body += bytes
            case .partEnd:
                if let last = parts.indices.last { parts[last].isComplete = true }
            }
        }
    }
}

/// What a parser made of a body fed in the given pieces: the parts, and the error it threw (from `feed` or
/// `finish`), if any.
func parse(
    _ pieces: [[UInt8]], boundary: String = "X", limits: MultipartLimits = MultipartLimits()
) -> (body: ParsedBody, error: MultipartError?) {
    guard var parser = MultipartParser(boundary: boundary, limits: limits) else { return (ParsedBody(), .malformed) }
    var parsed = ParsedBody()
    do {
        for piece in pieces { parsed.add(try parser.feed(piece)) }
        try parser.finish()
        return (parsed, nil)
    } catch {
        return (parsed, error)
    }
}

/// `body` fed whole.
func parse(_ body: String, boundary: String = "X", limits: MultipartLimits = MultipartLimits()) -> (body: ParsedBody, error: MultipartError?) {
    parse([Array(body.utf8)], boundary: boundary, limits: limits)
}

/// Every way of cutting `bytes` in two, plus one byte at a time.
func splits(of bytes: [UInt8]) -> [[[UInt8]]] {
    (0...bytes.count).map { [Array(bytes[..<$0]), Array(bytes[$0...])] } + [bytes.map { [$0] }]
}

/// A part with a `Content-Disposition` naming `name` and the given body.
func formPart(_ name: String, _ body: String) -> ParsedBody.Part {
    ParsedBody.Part(
        headers: [MultipartHeader(name: "Content-Disposition", value: "form-data; name=\"\(name)\"")], body: Array(body.utf8),
        isComplete: true)
}
