import Hummingbird

/// CORS with credentials for an explicit list of origins (`FRONTEND_URL`): an allowed origin is echoed back with
/// `Access-Control-Allow-Credentials: true`; any other origin gets no CORS headers, so browsers refuse it.
/// Hummingbird's `CORSMiddleware` either echoes every origin or names one, hence this small middleware.
struct AllowedOriginsCORSMiddleware<Context: RequestContext>: RouterMiddleware {
    let origins: Set<String>

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let origin = request.headers[.origin], origins.contains(origin) else {
            return try await next(request, context)
        }
        if request.method == .options, request.headers[.accessControlRequestMethod] != nil {
            var response = Response(status: .noContent)
            decorate(&response.headers, origin: origin)
            response.headers[.accessControlAllowMethods] = "GET, POST, PATCH, DELETE, OPTIONS"
            response.headers[.accessControlAllowHeaders] = "Authorization, Content-Type"
            response.headers[.accessControlMaxAge] = "600"
            return response
        }
        do {
            var response = try await next(request, context)
            decorate(&response.headers, origin: origin)
            return response
        } catch var error as APIError {
            decorate(&error.headers, origin: origin)
            throw error
        }
    }

    private func decorate(_ headers: inout HTTPFields, origin: String) {
        headers[.accessControlAllowOrigin] = origin
        headers[.accessControlAllowCredentials] = "true"
        headers[.vary] = "Origin"
    }
}
