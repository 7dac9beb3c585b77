import ChatDomain
import Hummingbird

/// Requires a caller whom `authentication` recognises (the chat's: `Authorization: Bearer <access token>` whose
/// signature, expiry and session all check out), and puts their claims into the context.
struct AuthenticationMiddleware: RouterMiddleware {
    typealias Context = ChatRequestContext
    let authentication: ChatAuthentication
    let services: ChatServices

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        context.claims = try await authentication.claims(
            token: request.headers.bearerToken,
            credentials: ChatCredentials(
                headers: request.headers,
                query: Dictionary(request.uri.queryParameters.map { (String($0.key), String($0.value)) }) { first, _ in first }),
            services: services)
        return try await next(request, context)
    }
}

extension HTTPFields {
    /// The token of an `Authorization: Bearer …` header, or nil.
    var bearerToken: String? {
        guard let value = self[.authorization] else { return nil }
        let parts = value.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        let token = parts[1].trimmingCharacters(in: .whitespaces)
        return token.isEmpty ? nil : token
    }
}
