import ChatRealtime
import Foundation

/// libFuzzer entry point for the Socket.IO packet decoder and binary assembler, driven as a connection drives
/// them: the input is a series of Engine.IO messages separated by 0xFF, each a text message (first byte even) or
/// a binary attachment (first byte odd), the first byte dropped. Decoding and assembling may throw, never trap.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    var assembler = SocketIOBinaryAssembler()
    for message in UnsafeBufferPointer(start: data, count: size).split(separator: 0xFF, omittingEmptySubsequences: false) {
        guard let kind = message.first else { continue }
        do {
            if kind % 2 == 0 {
                guard !assembler.isAwaitingAttachments else { return 0 }
                let header = try SocketIOPacketDecoder.decode(String(decoding: message.dropFirst(), as: UTF8.self))
                if header.attachmentCount > 0 { assembler.start(header) }
            } else {
                _ = try assembler.add(Data(message.dropFirst()))
            }
        } catch {
            return 0  // the connection closes on the first protocol error
        }
    }
    return 0
}
