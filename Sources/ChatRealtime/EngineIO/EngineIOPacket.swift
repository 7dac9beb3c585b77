import Foundation
import NIOCore

/// An Engine.IO v4 packet as exchanged with a client.
package enum EngineIOPacket: Sendable, Equatable {
    case open(String)
    case close
    case ping(String)
    case pong(String)
    case message(EngineIOMessage)
    case upgrade
    case noop

    /// Decodes a text packet (`<type digit><data>`); `nil` for an empty string or an unknown type.
    package static func decode(text: Substring) -> EngineIOPacket? {
        guard let first = text.utf8.first else { return nil }
        let data = String(text.dropFirst())
        switch first {
        case UInt8(ascii: "0"): return .open(data)
        case UInt8(ascii: "1"): return data.isEmpty ? .close : nil
        case UInt8(ascii: "2"): return .ping(data)
        case UInt8(ascii: "3"): return .pong(data)
        case UInt8(ascii: "4"): return .message(.text(data))
        case UInt8(ascii: "5"): return data.isEmpty ? .upgrade : nil
        case UInt8(ascii: "6"): return data.isEmpty ? .noop : nil
        default: return nil
        }
    }

    /// Decodes one element of a long-polling payload: `b<base64>` is a binary message, anything else a text
    /// packet. `nil` when malformed (bad type, bad base64).
    package static func decode(pollingSegment segment: Substring) -> EngineIOPacket? {
        if segment.utf8.first == UInt8(ascii: "b") {
            guard let data = Data(base64Encoded: String(segment.dropFirst())) else { return nil }
            return .message(.binary(data))
        }
        return decode(text: segment)
    }

    /// The frame that carries this packet on any transport.
    var frame: EngineFrame {
        switch self {
        case .open(let data): return .text("0" + data)
        case .close: return .text("1")
        case .ping(let data): return .text("2" + data)
        case .pong(let data): return .text("3" + data)
        case .message(.text(let text)): return .text("4" + text)
        case .message(.binary(let data)): return .binary(ByteBuffer(bytes: data))
        case .upgrade: return .text("5")
        case .noop: return .text("6")
        }
    }
}

/// A packet already encoded for the wire; shared, not re-encoded, when one packet goes to many sessions.
enum EngineFrame: Sendable, Equatable {
    /// A full text packet, type digit included (`4hello`).
    case text(String)
    /// The bytes of a binary message.
    case binary(ByteBuffer)

    /// Size counted against `maxPayload` in a long-polling response.
    var pollingSize: Int {
        switch self {
        case .text(let text): return text.utf8.count
        case .binary(let buffer): return 1 + (buffer.readableBytes + 2) / 3 * 4
        }
    }
}
