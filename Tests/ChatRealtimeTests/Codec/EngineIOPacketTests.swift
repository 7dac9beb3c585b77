import Foundation
import NIOCore
import Testing

@testable import ChatRealtime

@Suite("Engine.IO packets")
struct EngineIOPacketTests {
    @Test func everyPacketTypeRoundTripsAsText() {
        let packets: [EngineIOPacket] = [.open("{}"), .close, .ping(""), .ping("probe"), .pong("probe"), .message(.text("hello")), .upgrade, .noop]
        for packet in packets {
            guard case .text(let text) = packet.frame else {
                Issue.record("\(packet) should be a text frame")
                continue
            }
            #expect(EngineIOPacket.decode(text: Substring(text)) == packet)
        }
        #expect(EngineIOPacket.message(.text("hello")).frame == .text("4hello"))
        #expect(EngineIOPacket.ping("probe").frame == .text("2probe"))
    }

    @Test func binaryMessagesAreBinaryFrames() {
        #expect(EngineIOPacket.message(.binary(Data([1, 2, 3]))).frame == .binary(ByteBuffer(bytes: [1, 2, 3])))
    }

    @Test(arguments: ["", "abc", "7", "9x", "1x", "5x", "6x"])
    func malformedTextPacketsAreRejected(_ text: String) {
        #expect(EngineIOPacket.decode(text: Substring(text)) == nil)
    }

    @Test func pollingPayloadSplitsOnRecordSeparatorAndDecodesBase64() throws {
        let packets = try #require(EngineIOPollingPayload.decode(ByteBuffer(string: "4hello\u{1E}bAQIDBA==\u{1E}3\u{1E}1")))
        #expect(packets == [.message(.text("hello")), .message(.binary(Data([1, 2, 3, 4]))), .pong(""), .close])
    }

    @Test(arguments: ["", "abc", "4a\u{1E}", "4a\u{1E}x", "b!!!", "4ok\u{1E}\u{1E}4ok"])
    func malformedPollingPayloadsAreRejected(_ body: String) {
        #expect(EngineIOPollingPayload.decode(ByteBuffer(string: body)) == nil)
    }

    @Test func pollingPayloadEncodesBinaryAsPrefixedBase64() {
        let body = EngineIOPollingPayload.encode([.text("4hello"), .binary(ByteBuffer(bytes: [1, 2, 3, 4])), .text("2")])
        #expect(String(buffer: body) == "4hello\u{1E}bAQIDBA==\u{1E}2")
    }

    @Test func errorBodiesCarryTheProtocolCode() {
        #expect(EngineIOError.unknownSessionID.body == #"{"code":1,"message":"Session ID unknown"}"#)
        #expect(EngineIOError.unknownTransport.body == #"{"code":0,"message":"Transport unknown"}"#)
    }

    @Test func sessionIDsAreTwentyURLSafeCharactersAndDistinct() {
        let ids = (0..<1000).map { _ in EngineIOSessionID.make() }
        #expect(Set(ids).count == ids.count)
        #expect(ids.allSatisfy { $0.count == 20 && $0.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" } })
    }
}
