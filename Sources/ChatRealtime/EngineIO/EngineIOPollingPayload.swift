import Foundation
import NIOCore

/// The HTTP long-polling body format: packets separated by the record separator `\u{1E}`.
package enum EngineIOPollingPayload {
    static let separator: UInt8 = 0x1E

    /// Decodes a POST body; `nil` if the body is empty, not UTF-8, or any packet in it is malformed.
    package static func decode(_ buffer: ByteBuffer) -> [EngineIOPacket]? {
        guard buffer.readableBytes > 0, let text = buffer.getString(at: buffer.readerIndex, length: buffer.readableBytes)
        else { return nil }
        var packets: [EngineIOPacket] = []
        for segment in text.split(separator: "\u{1E}", omittingEmptySubsequences: false) {
            guard let packet = EngineIOPacket.decode(pollingSegment: segment) else { return nil }
            packets.append(packet)
        }
        return packets
    }

    /// Encodes frames for a GET response, binary as `b<base64>`.
    static func encode(_ frames: some Sequence<EngineFrame>) -> ByteBuffer {
        var output = ByteBuffer()
        var first = true
        for frame in frames {
            if !first { output.writeInteger(separator) }
            first = false
            switch frame {
            case .text(let text): output.writeString(text)
            case .binary(let bytes):
                output.writeString("b")
                output.writeString(Data(bytes.readableBytesView).base64EncodedString())
            }
        }
        return output
    }
}
