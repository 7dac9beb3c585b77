import Foundation
import NIOCore

/// One room operation sent between the nodes of a cluster: which sockets (namespace, rooms, exceptions, as in
/// `SocketIOBroadcast`) and what to do to them. `serialized()` is the wire format; every adapter carries it
/// unchanged, so nodes of one version understand each other whatever the transport.
public struct SocketIOClusterMessage: Codable, Sendable, Equatable {
    /// What each receiving node does to its own matching sockets.
    public enum Action: Codable, Sendable, Equatable {
        /// Sends these already-encoded packet frames (the event was encoded once, on the sending node).
        case emit([SocketIOClusterFrame])
        /// Makes the sockets join `room`.
        case join(room: String)
        /// Makes the sockets leave `room`.
        case leave(room: String)
        /// Disconnects the sockets, closing their connection when `closingConnection` is set.
        case disconnect(closingConnection: Bool)
    }

    /// The node that sent the message; a node ignores its own.
    public var origin: String
    /// The namespace of the sockets; nodes without it ignore the message.
    public var namespace: String
    /// Target rooms; empty means every socket of the namespace.
    public var rooms: [String]
    /// Rooms whose sockets are left out.
    public var excluded: [String]
    /// What to do.
    public var action: Action

    /// A message with every part given.
    public init(origin: String, namespace: String, rooms: [String], excluded: [String], action: Action) {
        self.origin = origin
        self.namespace = namespace
        self.rooms = rooms
        self.excluded = excluded
        self.action = action
    }

    /// The nodes named by target rooms that are socket ids (`SocketIONodeID`): they hold those sockets, whatever
    /// rooms they announced.
    public var socketNodes: Set<String> { Set(rooms.compactMap(SocketIONodeID.node(of:))) }

    /// The message as JSON text (binary frames in base64).
    public func serialized() throws -> String {
        String(decoding: try JSONEncoder().encode(self), as: UTF8.self)
    }

    /// Reads a message written by `serialized()`; throws on anything else.
    public init(serialized text: String) throws {
        self = try JSONDecoder().decode(Self.self, from: Data(text.utf8))
    }
}

/// One encoded Engine.IO frame of an event: the packet text, or one binary attachment.
public enum SocketIOClusterFrame: Codable, Sendable, Equatable {
    /// The packet's text frame.
    case text(String)
    /// One binary attachment, as its raw bytes.
    case binary(Data)

    init(_ frame: EngineFrame) {
        switch frame {
        case .text(let text): self = .text(text)
        case .binary(let buffer): self = .binary(Data(buffer.readableBytesView))
        }
    }

    var engineFrame: EngineFrame {
        switch self {
        case .text(let text): return .text(text)
        case .binary(let data): return .binary(ByteBuffer(bytes: data))
        }
    }
}
