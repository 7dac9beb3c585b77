/// How blob store failures reach clients: what a store reports is translated here, once, into domain errors
/// that say nothing of the backend.
enum StorageFailure {
    /// `.notFound` → `.notFound`; `.unavailable`, `.rejected` and anything unexpected → `.unavailable` with a
    /// generic message (a refusal means misconfiguration, which the client cannot fix); cancellation passes.
    static func domainError(for error: any Error) -> any Error {
        switch error {
        case is CancellationError, is DomainError, is FileUploadError: return error
        case BlobStoreError.notFound: return DomainError.notFound("file not found")
        default: return DomainError.unavailable("file storage is unavailable")
        }
    }
}
