import ChatRealtime

/// libFuzzer entry point for the JSON value parser: any bytes give a value or nil, never a trap or a stack
/// overflow, and a parsed value written back as JSON parses to an equal value.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard let value = SocketIOValue.parseJSON(UnsafeBufferPointer(start: data, count: size)) else { return 0 }
    let text = value.jsonText
    guard let again = SocketIOValue.parseJSON(text) else { fatalError("its own JSON does not parse: \(text)") }
    if again != value { fatalError("round trip changed the value: \(value) became \(again)") }
    return 0
}
