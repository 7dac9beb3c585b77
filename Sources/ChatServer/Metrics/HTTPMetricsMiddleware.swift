import CoreMetrics
import Hummingbird

/// Counts and times every HTTP request the router answers, errors included:
/// `http_requests_total{method, route, status}` and `http_request_duration_seconds{method, route}`.
///
/// `route` is the matched route pattern (`/chats/{chatId}/messages`), or `NotFound` when nothing matched, never the
/// raw path, so ids never become labels and the number of series stays bounded; methods outside the standard set
/// are counted as `OTHER` for the same reason. The duration runs until the handler returns its response, so it
/// leaves out the streaming of a large body.
struct HTTPMetricsMiddleware<Context: RequestContext>: RouterMiddleware {
    let factory: any MetricsFactory

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        do {
            let response = try await next(request, context)
            record(request, context, status: response.status, since: start)
            return response
        } catch {
            record(request, context, status: (error as? any HTTPResponseError)?.status ?? .internalServerError, since: start)
            throw error
        }
    }

    private func record(_ request: Request, _ context: Context, status: HTTPResponse.Status, since start: ContinuousClock.Instant) {
        let method =
            switch request.method {
            case .get, .head, .post, .put, .patch, .delete, .options: request.method.rawValue
            default: "OTHER"
            }
        let route = context.endpointPath ?? "NotFound"
        let counted = [("method", method), ("route", route), ("status", String(status.code))]
        CoreMetrics.Counter(label: "http_requests_total", dimensions: counted, factory: factory).increment()
        let elapsed = (ContinuousClock.now - start).components
        CoreMetrics.Timer(label: "http_request_duration_seconds", dimensions: [("method", method), ("route", route)], factory: factory)
            .recordNanoseconds(elapsed.seconds * 1_000_000_000 + elapsed.attoseconds / 1_000_000_000)
    }
}
