import Foundation
import NIOCore

/// The Socket.IO side of one Engine.IO session: decodes packets, reassembles binary ones, runs connects
/// and routes events and acks to the socket of each namespace. A malformed packet closes the session.
actor SocketIOConnection: EngineIOSessionHandler {
    nonisolated let session: EngineIOSession
    private let server: SocketIOServer
    private var sockets: [String: SocketIOSocket] = [:]
    private var assembler = SocketIOBinaryAssembler()
    private var connectTimer: Scheduled<Void>?

    init(session: EngineIOSession, server: SocketIOServer) {
        self.session = session
        self.server = server
    }

    /// Closes the session if no namespace is joined within `connectTimeout`.
    func startConnectTimeout() {
        connectTimer = session.eventLoop.scheduleTask(in: TimeAmount(server.configuration.connectTimeout)) { [self] in
            _ = Task { await self.connectTimeoutFired() }
        }
    }

    private func connectTimeoutFired() async {
        guard sockets.isEmpty else { return }
        await session.close()
    }

    func session(_ session: EngineIOSession, didReceive message: EngineIOMessage) async {
        do {
            switch message {
            case .text(let text):
                guard !assembler.isAwaitingAttachments else { throw SocketIOProtocolError(reason: "attachment expected") }
                let header = try SocketIOPacketDecoder.decode(text)
                if header.attachmentCount > 0 {
                    assembler.start(header)
                } else {
                    try await dispatch(header.packet)
                }
            case .binary(let data):
                if let packet = try assembler.add(data) { try await dispatch(packet) }
            }
        } catch {
            server.logger.debug("closing connection on protocol error", metadata: ["sid": "\(session.id)", "error": "\(error)"])
            await session.finish(.parseError)
        }
    }

    func session(_ session: EngineIOSession, didCloseWith reason: EngineIOCloseReason) async {
        connectTimer?.cancel()
        let all = sockets.values
        sockets.removeAll()
        for socket in all { await socket.disconnected(SocketIODisconnectReason(reason)) }
    }

    /// The server disconnected `socket`: its namespace may be joined again.
    func forget(_ socket: SocketIOSocket) {
        if sockets[socket.namespace.name] === socket { sockets[socket.namespace.name] = nil }
    }

    private func dispatch(_ packet: SocketIOPacket) async throws(SocketIOProtocolError) {
        switch packet.type {
        case .connect:
            await connect(to: packet.namespace, auth: packet.payload?.objectValue ?? [:])
        case .disconnect:
            guard let socket = sockets.removeValue(forKey: packet.namespace) else { return }
            await socket.disconnected(.clientNamespaceDisconnect)
        case .event, .binaryEvent:
            guard let socket = sockets[packet.namespace], case .array(let items)? = packet.payload,
                let name = items.first?.stringValue
            else { return }
            await socket.received(event: name, arguments: Array(items.dropFirst()), ackID: packet.ackID)
        case .ack, .binaryAck:
            guard let socket = sockets[packet.namespace], let ackID = packet.ackID else { return }
            await socket.receivedAck(ackID, arguments: packet.payload?.arrayValue ?? [])
        case .connectError:
            throw SocketIOProtocolError(reason: "CONNECT_ERROR from a client")
        }
    }

    private func connect(to name: String, auth: [String: SocketIOValue]) async {
        guard sockets[name] == nil else { return }
        guard let namespace = server.namespace(named: name) else {
            await send(SocketIOPacket(type: .connectError, namespace: name, payload: ["message": "Invalid namespace"]))
            return
        }
        let request = SocketIOConnectRequest(namespace: name, auth: auth, handshake: session.handshake)
        let decision = await namespace.connectHook?(request) ?? .accept()
        switch decision {
        case .reject(let message, let data):
            var payload: [String: SocketIOValue] = ["message": .string(message)]
            if let data { payload["data"] = data }
            await send(SocketIOPacket(type: .connectError, namespace: name, payload: .object(payload)))
        case .accept(let data):
            guard !(await session.closed) else { return }
            let socket = SocketIOSocket(
                id: server.engine.makeID(),
                namespace: namespace,
                request: request,
                data: data,
                session: session,
                connection: self
            )
            sockets[name] = socket
            connectTimer?.cancel()
            connectTimer = nil
            namespace.add(socket)
            await send(SocketIOPacket(type: .connect, namespace: name, payload: ["sid": .string(socket.id)]))
            await namespace.connectionHandler?(socket)
        }
    }

    private func send(_ packet: SocketIOPacket) async {
        await session.enqueue(server.encoder.encode(packet))
    }
}
