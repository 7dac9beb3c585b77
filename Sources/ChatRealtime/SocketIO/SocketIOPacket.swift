/// The packet types of Socket.IO v5.
enum SocketIOPacketType: UInt8, Sendable {
    case connect = 0
    case disconnect = 1
    case event = 2
    case ack = 3
    case connectError = 4
    case binaryEvent = 5
    case binaryAck = 6

    var isBinary: Bool { self == .binaryEvent || self == .binaryAck }
}

/// A Socket.IO packet with its binary attachments already in place (`.binary` values in `payload`).
package struct SocketIOPacket: Sendable, Equatable {
    var type: SocketIOPacketType
    var namespace: String
    var ackID: Int?
    var payload: SocketIOValue?

    init(type: SocketIOPacketType, namespace: String = "/", ackID: Int? = nil, payload: SocketIOValue? = nil) {
        self.type = type
        self.namespace = namespace
        self.ackID = ackID
        self.payload = payload
    }

    /// An EVENT (BINARY_EVENT when an argument holds binary) named `event`.
    static func event(_ event: String, arguments: [SocketIOValue], namespace: String, ackID: Int? = nil) -> SocketIOPacket {
        SocketIOPacket(type: .event, namespace: namespace, ackID: ackID, payload: .array([.string(event)] + arguments))
    }

    /// An ACK (BINARY_ACK when an argument holds binary) for `ackID`.
    static func ack(_ ackID: Int, arguments: [SocketIOValue], namespace: String) -> SocketIOPacket {
        SocketIOPacket(type: .ack, namespace: namespace, ackID: ackID, payload: .array(arguments))
    }
}

/// Why an incoming Socket.IO packet was refused; the connection is closed for any of them.
package struct SocketIOProtocolError: Error, Equatable {
    let reason: String
}
