import Foundation
import HummingbirdTesting
import Testing

@testable import ChatRealtime

/// A Socket.IO client speaking raw HTTP long-polling through the test client: every step is explicit, so
/// tests can interleave several clients deterministically.
struct PollingSocketIOClient: Sendable {
    let client: any TestClientProtocol
    let path: String
    let sid: String

    var uri: String { "\(path)/?EIO=4&transport=polling&sid=\(sid)" }

    /// Opens an Engine.IO session (no namespace joined yet).
    static func open(_ client: any TestClientProtocol, path: String = "/socket.io", query: String = "") async throws -> PollingSocketIOClient {
        let response = try await client.get("\(path)/?EIO=4&transport=polling\(query)")
        let handshake = try #require(SocketIOValue.parseJSON(String(response.text.dropFirst())))
        return PollingSocketIOClient(client: client, path: path, sid: try #require(handshake["sid"]?.stringValue))
    }

    /// Opens a session and joins `namespace`; returns the client and the socket id from the CONNECT answer.
    static func connect(
        _ client: any TestClientProtocol,
        namespace: String = "/",
        auth: String = ""
    ) async throws -> (PollingSocketIOClient, String) {
        let session = try await open(client)
        let answer = try await session.join(namespace: namespace, auth: auth)
        let prefix = namespace == "/" ? "40" : "40\(namespace),"
        #expect(answer.hasPrefix(prefix), "unexpected CONNECT answer \(answer)")
        let payload = try #require(SocketIOValue.parseJSON(String(answer.dropFirst(prefix.count))))
        return (session, try #require(payload["sid"]?.stringValue))
    }

    /// Sends CONNECT for `namespace` and returns the first packet received after it.
    func join(namespace: String, auth: String = "") async throws -> String {
        let prefix = namespace == "/" ? "40" : "40\(namespace),"
        try await send(prefix + auth)
        return try #require(try await receive().first)
    }

    /// POSTs packets in one batch; expects `ok`.
    func send(_ packets: String...) async throws {
        let response = try await client.post(uri, packets.joined(separator: "\u{1E}"))
        #expect(response.status == .ok)
        #expect(response.text == "ok")
    }

    /// One GET: the packets it carried, pings answered and left out. Waits until something arrives.
    func receive() async throws -> [String] {
        while true {
            let response = try await client.get(uri)
            #expect(response.status == .ok, "GET failed: \(response.text)")
            let packets = response.text.split(separator: "\u{1E}").map(String.init)
            let pings = packets.filter { $0 == "2" }
            for _ in pings { try await send("3") }
            let rest = packets.filter { $0 != "2" }
            if !rest.isEmpty || response.status != .ok { return rest }
        }
    }
}
