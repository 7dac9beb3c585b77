import Foundation
import NIOCore
import NIOWebSocket

/// Turns the data frames of one WebSocket into whole messages: joins fragments, enforces the size limit and
/// checks that text is UTF-8. Control frames are not its business.
///
/// Nothing of the receive buffer is kept: payloads are copied out, so an idle connection holds no bytes here.
struct WebSocketMessageAssembler {
    /// Why a frame was refused; each case names the close code the peer is sent before the connection closes.
    enum Failure: Error, Equatable {
        /// The message is bigger than the limit (1009).
        case tooLarge
        /// A continuation with nothing to continue, or a new message in the middle of a fragmented one (1002).
        case protocolError
        /// A text message that is not valid UTF-8 (1007).
        case invalidUTF8

        var closeCode: WebSocketErrorCode {
            switch self {
            case .tooLarge: return .messageTooLarge
            case .protocolError: return .protocolError
            case .invalidUTF8: return .dataInconsistentWithMessage
            }
        }
    }

    /// The largest message accepted, in bytes, fragments added up.
    let maxSize: Int
    private var fragments: ByteBuffer?
    private var fragmentsAreText = false

    init(maxSize: Int) {
        self.maxSize = maxSize
    }

    /// Adds a text, binary or continuation frame; returns the message it completes, or `nil` while a
    /// fragmented message is still incomplete. After a throw the connection is to be failed; the assembler
    /// holds nothing any more.
    mutating func add(_ frame: WebSocketFrame) throws(Failure) -> EngineIOMessage? {
        switch frame.opcode {
        case .text, .binary:
            guard fragments == nil else { throw abandon(.protocolError) }
            guard frame.length <= maxSize else { throw abandon(.tooLarge) }
            let isText = frame.opcode == .text
            if frame.fin { return try Self.message(frame.unmaskedData, isText: isText) }
            var copy = ByteBuffer()
            copy.reserveCapacity(frame.length)
            var data = frame.unmaskedData
            copy.writeBuffer(&data)
            fragments = copy
            fragmentsAreText = isText
            return nil
        case .continuation:
            guard var assembled = fragments.take() else { throw abandon(.protocolError) }
            guard assembled.readableBytes + frame.length <= maxSize else { throw abandon(.tooLarge) }
            var data = frame.unmaskedData
            assembled.writeBuffer(&data)
            guard frame.fin else {
                fragments = assembled
                return nil
            }
            return try Self.message(assembled, isText: fragmentsAreText)
        default:
            throw abandon(.protocolError)
        }
    }

    private mutating func abandon(_ failure: Failure) -> Failure {
        fragments = nil
        return failure
    }

    private static func message(_ bytes: ByteBuffer, isText: Bool) throws(Failure) -> EngineIOMessage {
        guard isText else { return .binary(Data(bytes.readableBytesView)) }
        guard let text = String(validating: bytes.readableBytesView, as: UTF8.self) else { throw .invalidUTF8 }
        return .text(text)
    }
}
