import ChatTestSupport
import Foundation
import Testing

/// HTTP framing broken inside a request body, sent to the chat's own routes: a client's mistake answers 400 with the
/// contract's error body, never 500, and the connection closes.
@Suite("Malformed HTTP bodies on chat routes")
struct MalformedHTTPBodyTests {
    @Test func aBadChunkSizeIsA400NotA500() async throws {
        try await withServer { api in
            let port = try #require(api.client.port)
            try await RawHTTPConnection.connect(port: port) { connection in
                try await connection.send(
                    "POST /auth/signup HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                        + "Transfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n")
                let response = try #require(try await connection.readResponse())
                #expect(response.head.statusCode == 400)
                #expect(response.body.contains("\"code\""), "the contract's error body: \(response.body)")
                #expect(await connection.closesWithin(.seconds(3)))
            }
        }
    }

    @Test func aChunkedBodyCutShortIsA400() async throws {
        try await withServer { api in
            let port = try #require(api.client.port)
            try await RawHTTPConnection.connect(port: port) { connection in
                try await connection.send(
                    "POST /auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                        + "Transfer-Encoding: chunked\r\n\r\n40\r\n{\"email\":")
                try await connection.finishSending()
                #expect(try await connection.readResponse()?.head.statusCode == 400)
            }
        }
    }
}
