import AsyncHTTPClient
import NIOCore

extension S3BlobStore {
    /// An `HTTPClient` suited to `S3BlobStore`: connections time out after `requestTimeout`, a failed connection
    /// attempt fails the request at once (so a refused connection is reported as `.unavailable` immediately
    /// instead of being retried until the deadline, as `HTTPClient.shared` does), and redirects are not followed.
    ///
    /// The caller owns the client: pass it to `init(configuration:httpClient:logger:)` and call
    /// `shutdown()` on it after the store's last use.
    public static func makeHTTPClient(for configuration: S3Configuration) -> HTTPClient {
        var clientConfiguration = HTTPClient.Configuration()
        clientConfiguration.timeout = .init(connect: TimeAmount(configuration.requestTimeout))
        clientConfiguration.connectionPool.retryConnectionEstablishment = false
        clientConfiguration.redirectConfiguration = .disallow
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: clientConfiguration)
    }
}
