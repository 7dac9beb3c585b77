import ChatDomain
import Foundation
import Hummingbird

/// `/auth`: signup, login, refresh with rotation, logout, and the sessions list.
struct AuthRoutes {
    let services: ChatServices
    let limits: RateLimits
    let cookies: RefreshCookie
    let maxBody: Int

    struct SignUpBody: Decodable {
        var email: String
        var password: String
        var name: String
        var username: String?
    }

    struct LoginBody: Decodable {
        var email: String?
        var username: String?
        var password: String
        var deviceType: DeviceType
        var deviceName: String?
    }

    struct RefreshBody: Decodable {
        var refreshToken: String?
    }

    func register(public group: RouterGroup<ChatRequestContext>, authenticated: RouterGroup<ChatRequestContext>) {
        group.post("signup") { request, context in
            try await limits.signups.admit(context.remoteAddress)
            let body = try await request.decodeJSON(as: SignUpBody.self, limit: maxBody)
            let user = try await services.signUp(
                email: body.email, password: body.password, name: body.name, username: body.username)
            return EditedResponse(status: .created, response: OwnProfile(user))
        }
        group.post("login") { request, context in try await login(request, context) }
        group.post("refresh") { request, context in try await refresh(request, context) }
        authenticated.post("logout") { request, context in
            try await services.revokeSession(user: context.user(), session: context.session())
            return cookies.clearing(Response(status: .noContent))
        }
        authenticated.post("logout-all") { request, context in
            try await services.revoker.revokeAll(of: context.user())
            return cookies.clearing(Response(status: .noContent))
        }
        authenticated.get("sessions") { request, context in
            try await services.listSessions(user: context.user(), current: context.session()).map(SessionView.init)
        }
        authenticated.delete("sessions/:sessionId") { request, context in
            try await services.revokeSession(user: context.user(), session: context.id("sessionId", as: SessionID.self))
            return Response(status: .noContent)
        }
    }

    private func login(_ request: Request, _ context: ChatRequestContext) async throws -> Response {
        let body = try await request.decodeJSON(as: LoginBody.self, limit: maxBody)
        let identifier: LoginIdentifier
        if let email = body.email {
            identifier = .email(email)
        } else if let username = body.username {
            identifier = .username(username)
        } else {
            throw DomainError.invalid(field: "email", reason: "email or username is required")
        }
        let account = (body.email ?? body.username ?? "").lowercased()
        try await limits.loginFailures.check(account)
        try await limits.loginAttempts.admit(context.remoteAddress)
        let result: AuthResult
        do {
            result = try await services.logIn(
                identifier, password: body.password, device: body.deviceType, deviceName: body.deviceName,
                userAgent: request.headers[.userAgent])
        } catch DomainError.unauthorized(let reason) {
            await limits.loginFailures.record(account)
            throw DomainError.unauthorized(reason)
        }
        return try tokenResponse(result, status: .ok, viaCookie: body.deviceType == .web, context: context)
    }

    private func refresh(_ request: Request, _ context: ChatRequestContext) async throws -> Response {
        let body = try? await request.decodeJSON(as: RefreshBody.self, limit: maxBody)
        let fromCookie = request.cookies[RefreshCookie.name]?.value
        guard let token = fromCookie ?? body?.refreshToken ?? request.headers.bearerToken else {
            throw DomainError.unauthorized("missing refresh token")
        }
        do {
            let result = try await services.refresh(refreshToken: token)
            return try tokenResponse(result, status: .ok, viaCookie: fromCookie != nil, context: context)
        } catch let error as DomainError {
            guard fromCookie != nil else { throw error }
            var apiError = APIError(error)
            apiError.headers[.setCookie] = cookies.expired.description
            throw apiError
        }
    }

    private func tokenResponse(
        _ result: AuthResult, status: HTTPResponse.Status, viaCookie: Bool, context: ChatRequestContext
    ) throws -> Response {
        let body = TokenResponse(
            accessToken: result.accessToken, expiresIn: result.expiresIn, sessionId: result.session.id,
            refreshToken: viaCookie ? nil : result.refreshToken, user: OwnProfile(result.user))
        var response = Response(
            status: status, headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(bytes: try JSON.encoder.encode(body))))
        if viaCookie { response.setCookie(cookies.carrying(result.refreshToken)) }
        return response
    }
}

/// The `refresh_token` cookie: `HttpOnly`, `SameSite=Lax`, scoped to `/auth`, `Secure` in production.
struct RefreshCookie: Sendable {
    static let name = "refresh_token"
    let secure: Bool
    let lifetime: Int

    func carrying(_ token: String) -> Cookie {
        Cookie(name: Self.name, value: token, maxAge: lifetime, path: "/auth", secure: secure, httpOnly: true, sameSite: .lax)
    }

    var expired: Cookie {
        Cookie(name: Self.name, value: "", maxAge: 0, path: "/auth", secure: secure, httpOnly: true, sameSite: .lax)
    }

    func clearing(_ response: Response) -> Response {
        var response = response
        response.setCookie(expired)
        return response
    }
}
