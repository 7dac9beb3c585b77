import ChatRealtime
import Hummingbird
import HummingbirdTesting
import Logging

/// Builds a real Hummingbird application on 127.0.0.1, port 0, serving an Engine.IO echo server on
/// `/engine.io` and the given Socket.IO server on its path, the way an application mounts them.
enum TestApplication {
    static func make(
        io: SocketIOServer, engine: EngineIOServer? = nil, timeouts: HTTPConnectionTimeouts = .init()
    ) -> some ApplicationProtocol {
        let router = Router()
        engine?.mount(on: router)
        io.mount(on: router)
        var servers: [any EngineIOMountable] = [io]
        if let engine { servers.insert(engine, at: 0) }
        return Application(
            router: router,
            server: .engineIO(servers, timeouts: timeouts),
            configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            logger: Logger(label: "test")
        )
    }

    /// Runs `body` against a live server (AsyncHTTPClient, so concurrent requests use separate connections).
    static func run(
        io: SocketIOServer,
        engine: EngineIOServer? = nil,
        timeouts: HTTPConnectionTimeouts = .init(),
        _ body: @escaping @Sendable (any TestClientProtocol, Int) async throws -> Void
    ) async throws {
        try await make(io: io, engine: engine, timeouts: timeouts).test(.ahc(.http)) { client in
            try await body(client, client.port!)
        }
    }

    /// An Engine.IO server echoing every message, with a short heartbeat.
    static func echoEngine(
        pingInterval: Duration = .seconds(5),
        pingTimeout: Duration = .seconds(5),
        maxPayload: Int = 1_000_000,
        allowedOrigins: [String] = []
    ) -> EngineIOServer {
        EngineIOServer(
            configuration: .init(
                path: "/engine.io",
                pingInterval: pingInterval,
                pingTimeout: pingTimeout,
                maxPayload: maxPayload,
                allowedOrigins: allowedOrigins
            )
        ) { _ in EchoHandler() }
    }
}

/// Echoes Engine.IO messages.
struct EchoHandler: EngineIOSessionHandler {
    func session(_ session: EngineIOSession, didReceive message: EngineIOMessage) async {
        await session.send(message)
    }

    func session(_ session: EngineIOSession, didCloseWith reason: EngineIOCloseReason) async {}
}
