import Foundation

/// Where and how `S3BlobStore` reaches an S3-compatible server (AWS S3, SeaweedFS, MinIO), path-style.
///
/// `description` never shows the secret key, so a configuration value is safe to log.
public struct S3Configuration: Sendable, CustomStringConvertible {
    /// S3 requires every multipart part but the last to be at least 5 MiB.
    public static let minimumPartSize = 5 * 1024 * 1024

    /// Base URL of the server, for example `http://127.0.0.1:8333`. Objects live at `<endpoint>/<bucket>/<key>`.
    public var endpoint: URL
    /// Signing region; `us-east-1` unless the server says otherwise.
    public var region: String
    /// The bucket holding every blob; it must already exist.
    public var bucket: String
    /// Access key id that signs every request.
    public var accessKeyID: String
    /// Secret access key; never shown by `description`.
    public var secretAccessKey: String
    /// Whether requests use `https`, whatever the endpoint's scheme says. Defaults to the endpoint's scheme.
    public var useSSL: Bool
    /// Deadline of each request that carries no large body (HEAD, DELETE, create/complete/abort upload), and of
    /// a connection attempt. Past it the request fails with `BlobStoreError.unavailable`.
    public var requestTimeout: Duration
    /// Deadline of each request that moves blob bytes (a whole GET including its body, a PUT, one part).
    public var transferTimeout: Duration
    /// Bodies longer than this many bytes are sent as a multipart upload; shorter ones in one PUT.
    public var multipartThreshold: Int
    /// Size of every multipart part but the last; never below `minimumPartSize`. One part is buffered at a time.
    public var partSize: Int

    /// A configuration; `useSSL` nil follows the endpoint's scheme, and `partSize` is raised to `minimumPartSize`.
    public init(
        endpoint: URL, region: String = "us-east-1", bucket: String, accessKeyID: String, secretAccessKey: String,
        useSSL: Bool? = nil, requestTimeout: Duration = .seconds(30), transferTimeout: Duration = .seconds(600),
        multipartThreshold: Int = 8 * 1024 * 1024, partSize: Int = 8 * 1024 * 1024
    ) {
        self.endpoint = endpoint
        self.region = region
        self.bucket = bucket
        self.accessKeyID = accessKeyID
        self.secretAccessKey = secretAccessKey
        self.useSSL = useSSL ?? (endpoint.scheme?.lowercased() == "https")
        self.requestTimeout = requestTimeout
        self.transferTimeout = transferTimeout
        self.multipartThreshold = max(0, multipartThreshold)
        self.partSize = max(partSize, Self.minimumPartSize)
    }

    /// Endpoint, bucket, region and access key id; the secret is redacted.
    public var description: String {
        "S3Configuration(endpoint: \(endpoint.absoluteString), bucket: \(bucket), region: \(region), "
            + "accessKeyID: \(accessKeyID), secretAccessKey: <redacted>)"
    }

    /// `host[:port]` as sent in the `Host` header (the port only when it is not the scheme's default).
    var hostHeader: String {
        let host = endpoint.host ?? "localhost"
        let bracketed = host.contains(":") ? "[\(host)]" : host
        guard let port = endpoint.port, port != (useSSL ? 443 : 80) else { return bracketed }
        return "\(bracketed):\(port)"
    }

    /// `http(s)://host[:port]` with no path.
    var origin: String { (useSSL ? "https://" : "http://") + hostHeader }

    /// `/<bucket>` or `/<bucket>/<key>`, decoded.
    func path(key: String?) -> String {
        key.map { "/\(bucket)/\($0)" } ?? "/\(bucket)"
    }
}
