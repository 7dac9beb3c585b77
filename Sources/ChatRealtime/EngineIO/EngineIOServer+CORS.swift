import Hummingbird

extension EngineIOServer {
    /// `true` when `origin` is one of the configured `allowedOrigins`.
    func isAllowed(origin: String) -> Bool {
        configuration.allowedOrigins.contains(origin)
    }

    /// Adds credentialed CORS headers for an allowed origin; nothing for any other origin.
    func addCORSHeaders(to headers: inout HTTPFields, origin: String?) {
        guard let origin, isAllowed(origin: origin) else { return }
        headers[.accessControlAllowOrigin] = origin
        headers[.accessControlAllowCredentials] = "true"
        headers[.vary] = "Origin"
    }

    /// Preflight answer: allowed methods and headers, cached for ten minutes. `addCORSHeaders` adds the rest.
    func preflightHeaders(for request: Request) -> HTTPFields {
        guard let origin = request.headers[.origin], isAllowed(origin: origin) else { return [:] }
        return [
            .accessControlAllowMethods: "GET, POST, OPTIONS",
            .accessControlAllowHeaders: request.headers[.accessControlRequestHeaders] ?? "Content-Type, Authorization",
            .accessControlMaxAge: "600",
        ]
    }
}
