import Foundation
import NIOCore
import Testing

@testable import ChatRealtime

/// The wire format nodes exchange: every action survives a round trip, binary attachments included.
struct SocketIOClusterMessageTests {
    @Test(arguments: [
        SocketIOClusterMessage.Action.emit([.text(#"451-["file",{"_placeholder":true,"num":0}]"#), .binary(Data([0, 1, 255]))]),
        .join(room: "chat:1"), .leave(room: "chat:1"), .disconnect(closingConnection: false),
    ])
    func everyActionSurvivesSerialization(action: SocketIOClusterMessage.Action) throws {
        let message = SocketIOClusterMessage(origin: "node-a", namespace: "/", rooms: ["user:1", "user:2"], excluded: ["s1"], action: action)
        #expect(try SocketIOClusterMessage(serialized: try message.serialized()) == message)
    }

    @Test func somethingElseIsRefused() {
        #expect(throws: (any Error).self) { try SocketIOClusterMessage(serialized: #"{"origin":"x"}"#) }
        #expect(throws: (any Error).self) { try SocketIOClusterMessage(serialized: "not json") }
    }

    @Test func encodedFramesConvertBothWays() {
        let frames: [EngineFrame] = [.text("42[\"a\"]"), .binary(ByteBuffer(bytes: [1, 2, 3]))]
        #expect(frames.map(SocketIOClusterFrame.init).map(\.engineFrame) == frames)
    }
}
