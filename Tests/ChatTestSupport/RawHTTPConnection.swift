import Foundation
import NIOCore
import NIOPosix

/// A TCP connection that writes whatever bytes a test gives it, for requests no HTTP client would send, and reads
/// what the server answers and whether (and when) it closes the connection.
public struct RawHTTPConnection {
    private let outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>
    private var inbound: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator
    private var received = ByteBuffer()
    /// The client's channel.
    public let channel: any Channel

    /// Connects to `127.0.0.1:port` and runs `body`; the connection is closed when it returns.
    public static func connect<T: Sendable>(port: Int, _ body: (inout RawHTTPConnection) async throws -> T) async throws -> T {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .channelOption(.allowRemoteHalfClosure, value: true)
            .connect(host: "127.0.0.1", port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        return try await channel.executeThenClose { inbound, outbound in
            var connection = RawHTTPConnection(outbound: outbound, inbound: inbound.makeAsyncIterator(), channel: channel.channel)
            return try await body(&connection)
        }
    }

    /// Writes `bytes` as they are.
    public func send(_ bytes: [UInt8]) async throws { try await outbound.write(ByteBuffer(bytes: bytes)) }

    /// Writes `text` as UTF-8.
    public func send(_ text: String) async throws { try await send(Array(text.utf8)) }

    /// Half-closes: the server reads end of input.
    public func finishSending() async throws { try await channel.close(mode: .output) }

    /// The head of the next response (status line and fields, up to the blank line) and reads its
    /// `Content-Length` body; nil when the server closed first.
    public mutating func readResponse() async throws -> (head: String, body: String)? {
        while true {
            let text = String(buffer: received)
            if let end = text.range(of: "\r\n\r\n") {
                let head = String(text[..<end.lowerBound])
                let length = head.split(separator: "\r\n").compactMap { line -> Int? in
                    let parts = line.split(separator: ":", maxSplits: 1)
                    guard parts.count == 2, parts[0].lowercased() == "content-length" else { return nil }
                    return Int(parts[1].trimmingCharacters(in: .whitespaces))
                }.first ?? 0
                let headBytes = text[..<end.upperBound].utf8.count
                if received.readableBytes >= headBytes + length {
                    received.moveReaderIndex(forwardBy: headBytes)
                    let body = received.readString(length: length) ?? ""
                    return (head, body)
                }
            }
            guard var more = try await inbound.next() else { return nil }
            received.writeBuffer(&more)
        }
    }

    /// True when the server closes the connection (end of input) within `timeout`, dropping anything else it sends.
    public mutating func closesWithin(_ timeout: Duration) async -> Bool {
        let channel = channel
        let timer = Task {
            try await Task.sleep(for: timeout)
            channel.close(promise: nil)
        }
        defer { timer.cancel() }
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        do {
            while try await inbound.next() != nil {}
        } catch {
            return clock.now < deadline
        }
        return clock.now < deadline
    }
}

extension String {
    /// The status code of an HTTP response head (`HTTP/1.1 400 Bad Request` → 400).
    public var statusCode: Int? { split(separator: " ").dropFirst().first.flatMap { Int($0) } }
}
