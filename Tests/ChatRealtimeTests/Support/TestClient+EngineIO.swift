import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

@testable import ChatRealtime

/// Polling helpers over Hummingbird's test client.
extension TestClientProtocol {
    func get(_ uri: String, headers: HTTPFields = [:]) async throws -> TestResponse {
        try await execute(uri: uri, method: .get, headers: headers)
    }

    func post(_ uri: String, _ body: String, headers: HTTPFields = [:]) async throws -> TestResponse {
        try await execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(string: body))
    }

    /// Opens a polling session and returns its handshake JSON.
    func openPollingSession(path: String) async throws -> SocketIOValue {
        let response = try await get("\(path)/?EIO=4&transport=polling")
        #expect(response.status == .ok)
        let text = String(buffer: response.body)
        #expect(text.hasPrefix("0"))
        return try #require(SocketIOValue.parseJSON(String(text.dropFirst())))
    }
}

extension TestResponse {
    var text: String { String(buffer: body) }
}
