import ChatDomain
import Hummingbird
import Logging

/// Turns every error into the contract's error body: domain errors by their mapping, Hummingbird's own
/// (unknown route, body too large) by their status, and anything else into a logged 500 that tells nothing.
struct ErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as APIError {
            throw error
        } catch let error as DomainError {
            throw APIError(error)
        } catch let error as HTTPError {
            throw APIError(status: error.status, code: Self.code(for: error.status), message: error.body ?? error.status.reasonPhrase)
        } catch let error as any HTTPResponseError where error.status.code < 500 {
            throw APIError(status: error.status, code: Self.code(for: error.status), message: error.status.reasonPhrase)
        } catch {
            context.logger.error("unhandled error", metadata: ["error": "\(String(reflecting: type(of: error)))"])
            throw APIError(status: .internalServerError, code: "INTERNAL", message: "internal server error")
        }
    }

    static func code(for status: HTTPResponse.Status) -> String {
        switch status {
        case .notFound: "NOT_FOUND"
        case .methodNotAllowed: "METHOD_NOT_ALLOWED"
        case .contentTooLarge: "PAYLOAD_TOO_LARGE"
        case .unsupportedMediaType: "UNSUPPORTED_MEDIA_TYPE"
        case .badRequest: "BAD_REQUEST"
        case .unauthorized: "UNAUTHORIZED"
        case .forbidden: "FORBIDDEN"
        case .serviceUnavailable: "SERVICE_UNAVAILABLE"
        default: status.code < 500 ? "BAD_REQUEST" : "INTERNAL"
        }
    }
}
