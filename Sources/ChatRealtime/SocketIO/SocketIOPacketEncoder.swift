import Foundation
import NIOCore
import Synchronization

/// Encodes Socket.IO packets into Engine.IO frames: one text frame, then one binary frame per attachment.
///
/// A packet whose payload holds `.binary` values is sent as BINARY_EVENT/BINARY_ACK with placeholders
/// `{"_placeholder":true,"num":N}` in place of the bytes. `encodedPacketCount` counts calls, which lets
/// tests pin that a broadcast is encoded once, not once per recipient.
final class SocketIOPacketEncoder: Sendable {
    private let counter = Atomic<Int>(0)

    /// The number of packets encoded so far.
    var encodedPacketCount: Int { counter.load(ordering: .relaxed) }

    func encode(_ packet: SocketIOPacket) -> [EngineFrame] {
        counter.add(1, ordering: .relaxed)
        var attachments: [Data] = []
        var json = ""
        if let payload = packet.payload {
            JSONWriter.write(payload, into: &json) { data, output in
                output += "{\"_placeholder\":true,\"num\":\(attachments.count)}"
                attachments.append(data)
            }
        }
        var type = packet.type
        if !attachments.isEmpty {
            if type == .event { type = .binaryEvent }
            if type == .ack { type = .binaryAck }
        }
        var text = "4" + String(type.rawValue)
        if type.isBinary { text += "\(attachments.count)-" }
        if packet.namespace != "/" { text += packet.namespace + "," }
        if let ackID = packet.ackID { text += String(ackID) }
        text += json
        return [.text(text)] + attachments.map { .binary(ByteBuffer(bytes: $0)) }
    }
}
