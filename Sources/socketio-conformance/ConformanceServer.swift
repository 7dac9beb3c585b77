import ChatRealtime
import Hummingbird
import Logging

/// Builds the conformance application; kept apart from `main.swift` so its shape is easy to read.
enum ConformanceServer {
    static func makeApplication(port: Int, heartbeat: (interval: Duration, timeout: Duration), logger: Logger) -> some ApplicationProtocol {
        let engine = EngineIOServer(
            configuration: .init(path: "/engine.io", pingInterval: heartbeat.interval, pingTimeout: heartbeat.timeout),
            logger: logger
        ) { _ in EchoHandler() }
        let io = SocketIOServer(
            configuration: .init(pingInterval: heartbeat.interval, pingTimeout: heartbeat.timeout, connectTimeout: .seconds(1)),
            logger: logger
        )
        for name in ["/", "/custom"] {
            io.namespace(name).onConnection { socket in
                await socket.emit("auth", .object(socket.auth))
                await socket.on("message") { arguments, _ in
                    await socket.emit("message-back", arguments: arguments)
                }
                await socket.on("message-with-ack") { arguments, ack in
                    await ack?.reply(arguments)
                }
            }
        }
        let router = Router()
        engine.mount(on: router)
        io.mount(on: router)
        return Application(
            router: router,
            server: .engineIO(engine, io),
            configuration: .init(address: .hostname("127.0.0.1", port: port), serverName: nil),
            logger: logger
        )
    }
}

/// Echoes every Engine.IO message back, text as text and binary as binary.
struct EchoHandler: EngineIOSessionHandler {
    func session(_ session: EngineIOSession, didReceive message: EngineIOMessage) async {
        await session.send(message)
    }

    func session(_ session: EngineIOSession, didCloseWith reason: EngineIOCloseReason) async {}
}
