import ChatDomain
import ChatStorage
import Foundation
import Testing

/// How `S3BlobStore` fails when the server cannot be reached; needs no S3 server.
@Suite struct S3BlobStoreFailureTests {
    private func configuration(port: Int, timeout: Duration) -> S3Configuration {
        S3Configuration(
            endpoint: URL(string: "http://127.0.0.1:\(port)")!, bucket: "chat", accessKeyID: "key",
            secretAccessKey: "secret", requestTimeout: timeout, transferTimeout: timeout)
    }

    @Test func closedPortFailsFastWithUnavailable() async throws {
        let configuration = configuration(port: try Self.closedPort(), timeout: .seconds(5))
        let client = S3BlobStore.makeHTTPClient(for: configuration)
        let store = S3BlobStore(configuration: configuration, httpClient: client)
        let clock = ContinuousClock()
        let start = clock.now
        for operation in BlobStoreOperation.allCases {
            await expectUnavailable { try await operation.run(on: store) }
        }
        #expect(clock.now - start < .seconds(5), "six refused requests should not wait for the timeout")
        try await client.shutdown()
    }

    @Test func closedPortWithTheSharedClientIsUnavailableByTheDeadline() async throws {
        let store = S3BlobStore(configuration: configuration(port: try Self.closedPort(), timeout: .milliseconds(700)))
        let clock = ContinuousClock()
        let start = clock.now
        await expectUnavailable { try await store.checkReady() }
        // Bounded, not instant: the point is no minute-long hang (loaded CI machines are slow).
        #expect(clock.now - start < .seconds(20))
    }

    @Test func silentServerTimesOutWithUnavailable() async throws {
        let server = try SilentServer()
        let store = S3BlobStore(configuration: configuration(port: server.port, timeout: .milliseconds(800)))
        let clock = ContinuousClock()
        let start = clock.now
        await expectUnavailable { try await store.checkReady() }
        await expectUnavailable { _ = try await store.get(key: "some/key") }
        let elapsed = clock.now - start
        #expect(elapsed >= .milliseconds(1_500), "both requests should have waited for their deadline")
        #expect(elapsed < .seconds(30), "the deadline should end each request")
        withExtendedLifetime(server) {}
    }

    /// A port on 127.0.0.1 that was free a moment ago and has no listener now: connecting is refused at once.
    private static func closedPort() throws -> Int {
        try SilentServer().port
    }

    private func expectUnavailable(
        sourceLocation: SourceLocation = #_sourceLocation, _ body: () async throws -> Void
    ) async {
        do {
            try await body()
            Issue.record("expected BlobStoreError.unavailable", sourceLocation: sourceLocation)
        } catch {
            guard case .unavailable = error as? BlobStoreError else {
                Issue.record("expected BlobStoreError.unavailable, got \(error)", sourceLocation: sourceLocation)
                return
            }
        }
    }
}

/// Every `BlobStore` operation that talks to the backend.
enum BlobStoreOperation: CaseIterable {
    case putSmall, get, head, delete, checkReady, putLarge

    func run(on store: some BlobStore) async throws {
        switch self {
        case .putSmall:
            try await store.put(key: "k", contentType: "text/plain", length: 1, chunks: TestBytes.stream(Data("x".utf8)))
        case .putLarge:
            let body = TestBytes.random(count: 11 * 1024 * 1024)
            try await store.put(key: "k", contentType: "text/plain", length: nil, chunks: TestBytes.stream(body))
        case .get: _ = try await store.get(key: "k")
        case .head: _ = try await store.head(key: "k")
        case .delete: try await store.delete(key: "k")
        case .checkReady: try await store.checkReady()
        }
    }
}
