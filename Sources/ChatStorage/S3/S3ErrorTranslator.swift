import AsyncHTTPClient
import ChatDomain

/// Maps S3 replies and transport failures to `BlobStoreError`.
enum S3ErrorTranslator {
    /// The error for a non-2xx reply. `body` is the reply's XML, if any (HEAD replies have none).
    ///
    /// 404 / `NoSuchKey` → `.notFound` (when `key` is given); 403, `SignatureDoesNotMatch`, `InvalidAccessKeyId`,
    /// `AccessDenied`, `NoSuchBucket` and other 4xx → `.rejected`; 5xx (`SlowDown`, `InternalError`) → `.unavailable`.
    static func error(status: Int, body: String, key: String?) -> BlobStoreError {
        let code = S3XML.firstValue(of: "Code", in: body)
        let message = S3XML.firstValue(of: "Message", in: body)
        let summary = "S3 \(status)" + (code.map { " \($0)" } ?? "") + (message.map { ": \($0)" } ?? "")
        switch (status, code) {
        case (_, "NoSuchKey"), (404, nil):
            if let key { return .notFound(key: key) }
            return .rejected(summary)
        case (_, "SignatureDoesNotMatch"), (_, "InvalidAccessKeyId"), (_, "AccessDenied"), (403, _):
            return .rejected(summary)
        case (500..., _):
            return .unavailable(summary)
        default:
            return .rejected(summary)
        }
    }

    /// The error for a request that got no reply: refused connections, timeouts, closed connections.
    static func transport(_ error: any Error) -> any Error {
        if error is CancellationError { return error }
        if let blobError = error as? BlobStoreError { return blobError }
        if let clientError = error as? HTTPClientError {
            switch clientError {
            case .deadlineExceeded, .readTimeout, .connectTimeout, .writeTimeout:
                return BlobStoreError.unavailable("S3 timed out (\(clientError))")
            case .cancelled:
                return CancellationError()
            default:
                return BlobStoreError.unavailable("S3 request failed (\(clientError))")
            }
        }
        return BlobStoreError.unavailable("S3 unreachable (\(error))")
    }
}
