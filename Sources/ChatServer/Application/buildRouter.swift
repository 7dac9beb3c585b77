import ChatDomain
import ChatRealtime
import Foundation
import Hummingbird
import Logging

/// The standalone server's router: the chat module mounted at the root (Socket.IO's long-polling included; the
/// application must serve `module.io`'s WebSocket upgrade), behind the server-wide middleware (metrics, request
/// log, CORS, errors for unknown routes), with `/metrics` when `metrics` is given (one registry per server, so
/// servers built in one process never share counters).
func buildRouter(
    _ configuration: AppConfiguration, module: ChatModule, metrics: ServerMetrics? = nil
) -> Router<ChatRequestContext> {
    let router = Router(context: ChatRequestContext.self)
    if let metrics { router.add(middleware: HTTPMetricsMiddleware(factory: metrics.factory)) }
    router.add(middleware: RequestLogMiddleware())
    if !configuration.allowedOrigins.isEmpty {
        router.add(middleware: AllowedOriginsCORSMiddleware(origins: Set(configuration.allowedOrigins)))
    }
    router.add(middleware: ErrorMiddleware())
    if let metrics { MetricsRoutes(metrics: metrics).register(on: router) }
    module.mount(on: router, at: "")
    return router
}
