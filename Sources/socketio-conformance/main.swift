import ChatRealtime
import Foundation
import Hummingbird
import Logging

/// The server the official Engine.IO v4 and Socket.IO v5 test suites expect, on 127.0.0.1:$PORT (3000),
/// heartbeat from PING_INTERVAL_MS / PING_TIMEOUT_MS (300 / 200):
/// `/engine.io/` echoes every message; `/socket.io/` greets with `auth`, echoes `message` as
/// `message-back` and acks `message-with-ack`, on `/` and `/custom`.
let port = ProcessInfo.processInfo.environment["PORT"].flatMap(Int.init) ?? 3000
var logger = Logger(label: "socketio-conformance")
logger.logLevel = ProcessInfo.processInfo.environment["LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .info

// The official suites need 300 ms / 200 ms; the memory benchmark overrides them to keep idle sessions quiet.
let pingInterval = ProcessInfo.processInfo.environment["PING_INTERVAL_MS"].flatMap(Int.init) ?? 300
let pingTimeout = ProcessInfo.processInfo.environment["PING_TIMEOUT_MS"].flatMap(Int.init) ?? 200

let app = ConformanceServer.makeApplication(
    port: port,
    heartbeat: (.milliseconds(pingInterval), .milliseconds(pingTimeout)),
    logger: logger
)
try await app.runService()
