/// Decodes the text part of a Socket.IO packet (`<type>[<attachments>-][<namespace>,][<ack id>][<json>]`).
///
/// The result still holds placeholders when `attachmentCount > 0`; `SocketIOBinaryAssembler` puts the
/// bytes in. Every malformed input throws `SocketIOProtocolError`; nothing traps.
package enum SocketIOPacketDecoder {
    static let maximumAttachments = 64

    /// A decoded packet text and the number of binary attachments that must follow it.
    package struct Header: Equatable {
        package var packet: SocketIOPacket
        package var attachmentCount: Int
    }

    /// The packet in `text`; throws `SocketIOProtocolError` for any text that is not a valid packet.
    package static func decode(_ text: String) throws(SocketIOProtocolError) -> Header {
        let bytes = Array(text.utf8)
        var index = 0
        guard let first = bytes.first, first >= 0x30, let type = SocketIOPacketType(rawValue: first &- 0x30) else {
            throw SocketIOProtocolError(reason: "unknown packet type")
        }
        index = 1
        var attachmentCount = 0
        if type.isBinary {
            let digits = readDigits(bytes, from: &index)
            guard let count = Int(digits), count <= maximumAttachments, index < bytes.count, bytes[index] == UInt8(ascii: "-")
            else { throw SocketIOProtocolError(reason: "invalid attachment count") }
            attachmentCount = count
            index += 1
        }
        var namespace = "/"
        if index < bytes.count, bytes[index] == UInt8(ascii: "/") {
            let start = index
            while index < bytes.count, bytes[index] != UInt8(ascii: ",") { index += 1 }
            namespace = String(decoding: bytes[start..<index], as: UTF8.self)
            if index < bytes.count { index += 1 }
        }
        var ackID: Int?
        let idDigits = readDigits(bytes, from: &index)
        if !idDigits.isEmpty {
            guard idDigits.count <= 15, let id = Int(idDigits) else { throw SocketIOProtocolError(reason: "invalid ack id") }
            ackID = id
        }
        var payload: SocketIOValue?
        if index < bytes.count {
            guard let value = SocketIOValue.parseJSON(bytes[index...]) else {
                throw SocketIOProtocolError(reason: "invalid JSON payload")
            }
            payload = value
        }
        let packet = SocketIOPacket(type: type, namespace: namespace, ackID: ackID, payload: payload)
        try validate(packet)
        return Header(packet: packet, attachmentCount: attachmentCount)
    }

    private static func readDigits(_ bytes: [UInt8], from index: inout Int) -> String {
        let start = index
        while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 { index += 1 }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    /// The payload rules of the protocol for each packet type.
    static func validate(_ packet: SocketIOPacket) throws(SocketIOProtocolError) {
        let valid: Bool
        switch packet.type {
        case .connect:
            valid = packet.payload == nil || packet.payload?.objectValue != nil
        case .disconnect:
            valid = packet.payload == nil
        case .event, .binaryEvent:
            if case .array(let items)? = packet.payload, let name = items.first, name.stringValue != nil {
                valid = true
            } else {
                valid = false
            }
        case .ack, .binaryAck:
            valid = packet.ackID != nil && packet.payload?.arrayValue != nil
        case .connectError:
            valid = packet.payload?.objectValue != nil || packet.payload?.stringValue != nil
        }
        guard valid else { throw SocketIOProtocolError(reason: "invalid payload for packet type \(packet.type)") }
    }
}
