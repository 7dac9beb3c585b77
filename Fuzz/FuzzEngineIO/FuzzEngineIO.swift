import ChatRealtime
import NIOCore

/// libFuzzer entry point for the Engine.IO decoders: the input is a long-polling POST body
/// (`EngineIOPollingPayload.decode`) and, as UTF-8 text, a WebSocket text frame (`EngineIOPacket.decode(text:)`).
/// Each must return a packet list or nil, never trap; a decoded body must hold one packet per separator-split segment.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    if let packets = EngineIOPollingPayload.decode(ByteBuffer(bytes: bytes)) {
        let segments = bytes.split(separator: 0x1E, omittingEmptySubsequences: false).count
        if packets.count != segments { fatalError("\(packets.count) packets from \(segments) segments") }
    }
    let text = String(decoding: bytes, as: UTF8.self)
    _ = EngineIOPacket.decode(text: Substring(text))
    _ = EngineIOPacket.decode(pollingSegment: Substring(text))
    return 0
}
