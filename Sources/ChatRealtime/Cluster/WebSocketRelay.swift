import Foundation
import HTTPTypes
import Logging
import NIOCore
import Synchronization
import HummingbirdWSClient

/// A client's WebSocket for a session another node holds (the upgrade of a polling session that reached this node),
/// relayed message by message to that node over a WebSocket of our own, as `EngineIOSessionForwarder` describes.
/// Engine.IO runs end to end between the client and the owning node; this node only carries its messages, and
/// closing either side closes the other.
final class WebSocketRelay: Sendable {
    private let forwarder: EngineIOSessionForwarder
    private let owner: String
    /// The request's path and query, as the client sent them.
    private let target: String
    private let maxPayload: Int
    private let outbound: AsyncStream<EngineIOMessage>
    private let toOwner: AsyncStream<EngineIOMessage>.Continuation
    private let started = Atomic(false)

    init(forwarder: EngineIOSessionForwarder, owner: String, target: String, maxPayload: Int) {
        self.forwarder = forwarder
        self.owner = owner
        self.target = target
        self.maxPayload = maxPayload
        (outbound, toOwner) = AsyncStream.makeStream()
    }

    /// Opens the link to the owning node on the first call, carrying what the owner sends to `connection`.
    func start(_ connection: WebSocketConnection) {
        guard started.compareExchange(expected: false, desired: true, ordering: .relaxed).exchanged else { return }
        Task { await run(connection) }
    }

    /// Sends a message of the client's to the owning node (in order).
    func send(_ message: EngineIOMessage) { toOwner.yield(message) }

    /// The client's WebSocket ended: the link to the owner closes too.
    func finish() { toOwner.finish() }

    private func run(_ connection: WebSocketConnection) async {
        let logger = forwarder.logger
        defer {
            toOwner.finish()
            connection.close()
        }
        guard let base = await forwarder.address(of: owner) else {
            logger.info("no address for the session's node", metadata: ["node": "\(owner)"])
            return
        }
        let url = (base.hasPrefix("https://") ? "wss://" + base.dropFirst(8) : "ws://" + base.dropFirst(7)) + target
        var headers = HTTPFields()
        headers[EngineIOSessionForwarder.forwardedBy] = forwarder.node
        let configuration = WebSocketClientConfiguration(maxFrameSize: maxPayload, additionalHeaders: headers)
        let outbound = self.outbound
        let maxPayload = self.maxPayload
        do {
            try await WebSocketClient.connect(url: url, configuration: configuration, logger: logger) { inbound, writer, _ in
                try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask {
                        for await message in outbound {
                            switch message {
                            case .text(let text): try await writer.write(.text(text))
                            case .binary(let data): try await writer.write(.binary(ByteBuffer(bytes: data)))
                            }
                        }
                    }
                    group.addTask {
                        for try await message in inbound.messages(maxSize: maxPayload) {
                            switch message {
                            case .text(let text): try await connection.write([.text(text)])
                            case .binary(let bytes): try await connection.write([.binary(bytes)])
                            }
                        }
                    }
                    // Either side ending ends the relay.
                    try await group.next()
                    group.cancelAll()
                }
            }
        } catch {
            logger.info("WebSocket relay ended", metadata: ["node": "\(owner)", "error": "\(String(reflecting: type(of: error)))"])
        }
    }
}
