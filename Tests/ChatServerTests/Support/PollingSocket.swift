import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// A Socket.IO client on the Engine.IO polling transport, spoken by hand: just enough to connect to the default
/// namespace with a token, call events with an ack, and close again. Each request goes over a connection of its own, because the server
/// closes a connection after answering a poll; the `API`'s own connection stays usable.
struct PollingSocket {
    let port: Int
    let sid: String

    /// Opens an Engine.IO session on the server behind `api` and connects to `/` with `auth: {token}`; returns once
    /// the server has answered the CONNECT. Records an issue (and still returns) when the server refuses.
    static func connect(_ api: API, token: String) async throws -> PollingSocket {
        let port = try #require(api.client.port)
        let handshake = try await send(TestClient.Request("/socket.io/?EIO=4&transport=polling", method: .get), port: port)
        let json = try JSONSerialization.jsonObject(with: Data(handshake.dropFirst().utf8)) as? [String: Any]
        let socket = PollingSocket(port: port, sid: try #require(json?["sid"] as? String, "handshake: \(handshake)"))
        try await socket.post(#"40{"token":"\#(token)"}"#)
        let answer = try await send(TestClient.Request(socket.uri, method: .get), port: port)
        #expect(answer.hasPrefix("40{"), "CONNECT answered \(answer)")
        return socket
    }

    /// Sends an Engine.IO close packet.
    func close() async throws {
        try await post("1")
    }

    var uri: String { "/socket.io/?EIO=4&transport=polling&sid=\(sid)" }

    /// Posts one Engine.IO payload; records an issue unless the server answers `ok`.
    func post(_ payload: String) async throws {
        let answer = try await Self.send(
            TestClient.Request(
                uri, method: .post, headers: [.contentType: "text/plain;charset=UTF-8"], body: ByteBuffer(string: payload)),
            port: port)
        #expect(answer == "ok", "POST \(payload) answered \(answer)")
    }

    /// Sends `request` over a connection of its own and returns the body as text.
    static func send(_ request: TestClient.Request, port: Int) async throws -> String {
        try await TestClient.withClient(host: "127.0.0.1", port: port) { client in
            String(buffer: try await client.execute(request).body ?? ByteBuffer())
        }
    }
}
