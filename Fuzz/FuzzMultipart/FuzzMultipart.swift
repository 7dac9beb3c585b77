import MultipartStreaming

/// libFuzzer entry point for `MultipartParser`. The first byte picks a boundary, limits and a chunk pattern; the
/// rest is the body. The body is parsed whole and in chunks: besides never trapping, both must give the same
/// parts and the same error, so a split anywhere cannot change what a client's upload means.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = UnsafeBufferPointer(start: data, count: size)
    guard let control = input.first else { return 0 }
    let body = Array(input.dropFirst())
    let boundaries = ["X", "a-a-ab", "----WebKitFormBoundary7MA4YWxkTrZu0gW"]
    let boundary = boundaries[Int(control % 3)]
    let limits = control & 0x80 == 0 ? MultipartLimits() : MultipartLimits(maximumHeaderLineBytes: 16, maximumHeaderCount: 2)
    let whole = outcome(boundary: boundary, limits: limits, pieces: [body[...]])
    let chunkSize = Int(control >> 2 & 0x1F) + 1
    let pieces = stride(from: 0, to: body.count, by: chunkSize).map { body[$0..<min($0 + chunkSize, body.count)] }
    let split = outcome(boundary: boundary, limits: limits, pieces: pieces)
    if whole.error != split.error || (whole.error == nil && whole.events != split.events) {
        fatalError("chunking changed the result: \(whole) versus \(split) in chunks of \(chunkSize)")
    }
    return 0
}

/// The events of a body fed in `pieces`, with adjacent body events joined, and the error it ended with.
private func outcome(
    boundary: String, limits: MultipartLimits, pieces: [ArraySlice<UInt8>]
) -> (events: [MultipartEvent], error: MultipartError?) {
    guard var parser = MultipartParser(boundary: boundary, limits: limits) else { fatalError("boundary refused") }
    var events: [MultipartEvent] = []
    do {
        for piece in pieces {
            for event in try parser.feed(piece) {
                if case .body(let more) = event, case .body(let bytes)? = events.last {
                    events[events.count - 1] = .body(bytes + more)
                } else {
                    events.append(event)
                }
            }
        }
        try parser.finish()
        return (events, nil)
    } catch {
        return (events, error)
    }
}
