import ChatDomain
import Hummingbird

/// Requires `Authorization: Bearer <access token>` whose signature, expiry and session all check out,
/// and puts the claims into the context.
struct AuthenticationMiddleware: RouterMiddleware {
    typealias Context = ChatRequestContext
    let authenticate: Authenticate

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let token = request.headers.bearerToken else {
            throw DomainError.unauthorized("missing bearer token")
        }
        var context = context
        context.claims = try await authenticate(accessToken: token)
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
