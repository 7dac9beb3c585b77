import ChatDomain
import Foundation
import Hummingbird
import NIOCore

/// The per-request context: who is calling (after `AuthenticationMiddleware`), and from where.
public struct ChatRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The verified access token's claims; nil on public routes.
    public var claims: AccessClaims?
    /// The client's address, for rate limiting; nil for non-IP channels.
    public let remoteAddress: String?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress?.ipAddress
    }

    public var responseEncoder: JSONEncoder { JSON.encoder }

    /// The signed-in user. Throws `.unauthorized` on a route that forgot the middleware.
    public func user() throws -> UserID {
        guard let claims else { throw DomainError.unauthorized("sign in first") }
        return claims.userID
    }

    /// The signed-in session. Throws `.unauthorized` when not signed in.
    public func session() throws -> SessionID {
        guard let claims else { throw DomainError.unauthorized("sign in first") }
        return claims.sessionID
    }

    /// The path parameter `name` as a typed id. Throws `.invalid` naming it when it is not a UUID.
    public func id<Entity>(_ name: String, as _: Identifier<Entity>.Type = Identifier<Entity>.self) throws -> Identifier<Entity> {
        guard let raw = parameters.get(name), let id = Identifier<Entity>(raw) else {
            throw DomainError.invalid(field: name, reason: "must be a UUID")
        }
        return id
    }
}

/// The JSON coders of the API: ISO 8601 dates in UTC with milliseconds (`2026-01-31T12:00:00.123Z`).
public enum JSON {
    /// Encodes response bodies and Socket.IO payloads; dates in ISO 8601, UTC, with milliseconds.
    public static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(dateText(date))
        }
        return encoder
    }()

    /// How a date is written: ISO 8601 in UTC with milliseconds (`2026-11-29T15:07:27.123Z`).
    static func dateText(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }

    /// Decodes request bodies and Socket.IO payloads, with Foundation's default strategies.
    public static let decoder = JSONDecoder()
}
