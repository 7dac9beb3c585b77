import Foundation

/// Collects the binary attachments that follow a BINARY_EVENT/BINARY_ACK header and rebuilds the packet.
package struct SocketIOBinaryAssembler {
    private var header: SocketIOPacketDecoder.Header?
    private var attachments: [Data] = []

    /// `true` while attachments are still expected.
    package var isAwaitingAttachments: Bool { header != nil }

    /// An assembler awaiting nothing.
    package init() {}

    /// Starts collecting for `header`, which must announce at least one attachment.
    package mutating func start(_ header: SocketIOPacketDecoder.Header) {
        self.header = header
        attachments = []
    }

    /// Adds one attachment; returns the complete packet after the last one. Throws for an attachment
    /// nobody announced or a placeholder that names no attachment.
    package mutating func add(_ attachment: Data) throws(SocketIOProtocolError) -> SocketIOPacket? {
        guard let header else { throw SocketIOProtocolError(reason: "unexpected binary attachment") }
        attachments.append(attachment)
        guard attachments.count == header.attachmentCount else { return nil }
        var packet = header.packet
        self.header = nil
        if let payload = packet.payload {
            packet.payload = try Self.fill(payload, with: attachments)
        }
        attachments = []
        return packet
    }

    static func fill(_ value: SocketIOValue, with attachments: [Data]) throws(SocketIOProtocolError) -> SocketIOValue {
        switch value {
        case .array(let items):
            var filled: [SocketIOValue] = []
            filled.reserveCapacity(items.count)
            for item in items { filled.append(try fill(item, with: attachments)) }
            return .array(filled)
        case .object(let members):
            if members["_placeholder"] == .bool(true), members.count == 2 {
                guard let number = members["num"]?.intValue, attachments.indices.contains(number) else {
                    throw SocketIOProtocolError(reason: "placeholder without attachment")
                }
                return .binary(attachments[number])
            }
            var filled: [String: SocketIOValue] = [:]
            for (key, member) in members { filled[key] = try fill(member, with: attachments) }
            return .object(filled)
        default:
            return value
        }
    }
}
