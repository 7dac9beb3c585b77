import Foundation
import NIOCore
import Testing

@testable import ChatRealtime

@Suite("Socket.IO packets")
struct SocketIOPacketTests {
    let encoder = SocketIOPacketEncoder()

    private func text(_ packet: SocketIOPacket) -> String {
        guard case .text(let text) = encoder.encode(packet).first else { return "" }
        return text
    }

    @Test func encodesEveryPacketType() {
        #expect(text(SocketIOPacket(type: .connect, payload: ["sid": "abc"])) == #"40{"sid":"abc"}"#)
        #expect(text(SocketIOPacket(type: .connect, namespace: "/admin", payload: ["sid": "abc"])) == #"40/admin,{"sid":"abc"}"#)
        #expect(text(SocketIOPacket(type: .disconnect, namespace: "/admin")) == "41/admin,")
        #expect(text(SocketIOPacket(type: .disconnect)) == "41")
        #expect(text(.event("hello", arguments: [1, "2"], namespace: "/")) == #"42["hello",1,"2"]"#)
        #expect(text(.event("hello", arguments: [], namespace: "/chat", ackID: 12)) == #"42/chat,12["hello"]"#)
        #expect(text(.ack(456, arguments: [["3": [false]]], namespace: "/")) == #"43456[{"3":[false]}]"#)
        #expect(text(SocketIOPacket(type: .connectError, namespace: "/random", payload: ["message": "Invalid namespace"]))
            == #"44/random,{"message":"Invalid namespace"}"#)
    }

    @Test func binaryArgumentsBecomePlaceholdersAndAttachmentFrames() {
        let frames = encoder.encode(.event("file", arguments: [.binary(Data([1, 2])), ["inner": .binary(Data([3]))]], namespace: "/"))
        #expect(frames == [
            .text(#"452-["file",{"_placeholder":true,"num":0},{"inner":{"_placeholder":true,"num":1}}]"#),
            .binary(ByteBuffer(bytes: [1, 2])),
            .binary(ByteBuffer(bytes: [3])),
        ])
        let ack = encoder.encode(.ack(789, arguments: [.binary(Data([9]))], namespace: "/x"))
        #expect(ack == [.text(#"461-/x,789[{"_placeholder":true,"num":0}]"#), .binary(ByteBuffer(bytes: [9]))])
    }

    @Test func decodesNamespacesAckIDsAndPayloads() throws {
        let header = try SocketIOPacketDecoder.decode(#"2/custom,7["message",1,"2",{"3":[true]}]"#)
        #expect(header.packet == SocketIOPacket(type: .event, namespace: "/custom", ackID: 7, payload: ["message", 1, "2", ["3": [true]]]))
        #expect(header.attachmentCount == 0)
        #expect(try SocketIOPacketDecoder.decode("0").packet == SocketIOPacket(type: .connect))
        #expect(try SocketIOPacketDecoder.decode("0/random").packet.namespace == "/random")
        #expect(try SocketIOPacketDecoder.decode(#"0{"token":"123"}"#).packet.payload == ["token": "123"])
        #expect(try SocketIOPacketDecoder.decode("1/custom,").packet == SocketIOPacket(type: .disconnect, namespace: "/custom"))
        #expect(try SocketIOPacketDecoder.decode("3456[]").packet == SocketIOPacket(type: .ack, ackID: 456, payload: []))
        #expect(try SocketIOPacketDecoder.decode(#"4{"message":"no"}"#).packet.type == .connectError)
    }

    @Test func reassemblesBinaryPacketsFromAttachments() throws {
        let header = try SocketIOPacketDecoder.decode(#"52-789["message",{"_placeholder":true,"num":1},{"_placeholder":true,"num":0}]"#)
        #expect(header.attachmentCount == 2)
        var assembler = SocketIOBinaryAssembler()
        assembler.start(header)
        #expect(try assembler.add(Data([1])) == nil)
        let packet = try #require(try assembler.add(Data([2])))
        #expect(packet.type == .binaryEvent)
        #expect(packet.ackID == 789)
        #expect(packet.payload == ["message", .binary(Data([2])), .binary(Data([1]))])
        #expect(!assembler.isAwaitingAttachments)
    }

    @Test func binaryAcksDecodeToo() throws {
        let header = try SocketIOPacketDecoder.decode(#"61-/x,3[{"_placeholder":true,"num":0}]"#)
        #expect(header.packet.type == .binaryAck && header.packet.namespace == "/x" && header.packet.ackID == 3)
        #expect(header.attachmentCount == 1)
    }

    @Test func anAttachmentNobodyAnnouncedIsRejected() {
        var assembler = SocketIOBinaryAssembler()
        #expect(throws: SocketIOProtocolError.self) { try assembler.add(Data([1])) }
    }

    @Test func aPlaceholderNamingAMissingAttachmentIsRejected() throws {
        var assembler = SocketIOBinaryAssembler()
        assembler.start(try SocketIOPacketDecoder.decode(#"51-["m",{"_placeholder":true,"num":5}]"#))
        #expect(throws: SocketIOProtocolError.self) { try assembler.add(Data([1])) }
    }

    // Socket.IO packet text as the decoder sees it, after the Engine.IO `4` (message) prefix.
    @Test(arguments: [
        "", "abc", "7", "2{}", "2abc[\"message\"]", "2[]", "2[1]", "2\"x\"", "0[]", "0\"x\"", "1{}",
        "3[]", "3", "5[\"m\"]", "5x-[\"m\"]", "599-[\"m\"]", "2[\"m\"", "3/x,1{}", "51[\"m\"]",
    ])
    func malformedPacketsAreRejected(_ text: String) {
        #expect(throws: SocketIOProtocolError.self) { try SocketIOPacketDecoder.decode(text) }
    }

    @Test func theEncoderCountsEveryEncoding() {
        let before = encoder.encodedPacketCount
        _ = encoder.encode(SocketIOPacket(type: .connect))
        _ = encoder.encode(SocketIOPacket(type: .disconnect))
        #expect(encoder.encodedPacketCount == before + 2)
    }
}
