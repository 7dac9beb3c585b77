import ChatDomain
import Hummingbird

/// Maps `FileUploadError` to the contract's error body: too large → 413 `PAYLOAD_TOO_LARGE`, unsupported type
/// → 415 `UNSUPPORTED_MEDIA_TYPE`. Every other error passes on to `ErrorMiddleware`.
struct FileUploadErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as FileUploadError {
            let status: HTTPResponse.Status =
                switch error {
                case .tooLarge: .contentTooLarge
                case .unsupportedType: .unsupportedMediaType
                }
            throw APIError(status: status, code: error.code, message: error.message)
        }
    }
}
