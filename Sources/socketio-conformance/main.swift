import ChatRealtime
import Foundation
import Hummingbird
import HummingbirdWebSocket
import Logging

/// The server the official Engine.IO v4 and Socket.IO v5 test suites expect, on 127.0.0.1:$PORT (3000):
/// `/engine.io/` echoes every message; `/socket.io/` greets with `auth`, echoes `message` as
/// `message-back` and acks `message-with-ack`, on `/` and `/custom`.
let port = ProcessInfo.processInfo.environment["PORT"].flatMap(Int.init) ?? 3000
var logger = Logger(label: "socketio-conformance")
logger.logLevel = ProcessInfo.processInfo.environment["LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .info

let app = ConformanceServer.makeApplication(port: port, logger: logger)
try await app.runService()
