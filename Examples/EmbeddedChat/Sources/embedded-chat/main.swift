import ChatServer
import EmbeddedChat
import Foundation
import Logging

// Serves on 127.0.0.1:$PORT (default 8080), keeping its data in ./data (SQLite and files: the embedded default).
// JWT_SECRET signs the chat's access tokens; without it, a secret for development only.
let environment = ProcessInfo.processInfo.environment
var configuration = AppConfiguration(jwtSecret: environment["JWT_SECRET"] ?? "development secret: set JWT_SECRET")
configuration.port = Int(environment["PORT"] ?? "") ?? 8080
let logger = Logger(label: "embedded-chat")
let app = await buildHostApplication(
    configuration, adapters: try await .open(configuration, logger: logger), logger: logger)
try await app.runService()
