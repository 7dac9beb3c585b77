import ChatDomain
import ChatStorage
import Foundation
import Logging
import ServiceLifecycle

/// The blob store chosen by `AppConfiguration.storage`, with its `/ready` probe and the service that releases
/// what it holds at shutdown.
struct StorageBackend {
    let store: any BlobStore
    let probe: any ReadinessProbe
    let services: [any Service]

    /// `.local(directory:)` → `LocalBlobStore`; `.s3` → `S3BlobStore` over its own HTTP client, shut down after
    /// graceful shutdown. Makes no request. Throws `ConfigurationError` naming `S3_ENDPOINT` when it is no URL.
    init(_ storage: AppConfiguration.Storage, logger: Logger) throws {
        switch storage {
        case .local(let directory):
            store = LocalBlobStore(rootPath: directory)
            services = []
        case .s3(let settings):
            guard let endpoint = URL(string: settings.endpoint), endpoint.scheme != nil, endpoint.host != nil else {
                throw ConfigurationError(variable: "S3_ENDPOINT", expected: "must be a URL like http://127.0.0.1:9000")
            }
            let configuration = S3Configuration(
                endpoint: endpoint, region: settings.region, bucket: settings.bucket, accessKeyID: settings.accessKey,
                secretAccessKey: settings.secretKey, useSSL: settings.useSSL)
            let client = S3BlobStore.makeHTTPClient(for: configuration)
            store = S3BlobStore(configuration: configuration, httpClient: client, logger: logger)
            services = [ShutdownAfterGracefulExit { try await client.shutdown() }]
        }
        let store = store
        probe = ClosureProbe(name: "storage") { try await store.checkReady() }
    }
}

/// A service that does nothing until graceful shutdown (or cancellation), then runs `shutdown` once: how a
/// resource owned by the application (an HTTP client) is released after the server stops.
struct ShutdownAfterGracefulExit: Service {
    let shutdown: @Sendable () async throws -> Void

    func run() async throws {
        try? await gracefulShutdown()
        try await shutdown()
    }
}
