import ChatDomain
import Foundation
import Hummingbird

extension OwnProfile: ResponseEncodable {}
extension PublicProfile: ResponseEncodable {}

/// The body of a successful login or refresh. `refreshToken` is present only for clients that do not use
/// the cookie.
struct TokenResponse: ResponseEncodable {
    var accessToken: String
    var tokenType = "Bearer"
    var expiresIn: Int
    var sessionId: SessionID
    var refreshToken: String?
    var user: OwnProfile
}

/// A session in the sessions list.
struct SessionView: ResponseEncodable {
    var id: SessionID
    var deviceType: DeviceType
    var deviceName: String?
    var userAgent: String?
    var createdAt: Date
    var lastUsedAt: Date
    var current: Bool

    init(_ overview: SessionOverview) {
        id = overview.session.id
        deviceType = overview.session.deviceType
        deviceName = overview.session.deviceName
        userAgent = overview.session.userAgent
        createdAt = overview.session.createdAt
        lastUsedAt = overview.session.lastUsedAt
        current = overview.isCurrent
    }
}

/// A page of user search results.
struct UserSearchView: ResponseEncodable {
    var items: [PublicProfile]
    var nextCursor: String?

    /// `nextCursor` is always present: null on the last page.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(items, forKey: .items)
        try container.encode(nextCursor, forKey: .nextCursor)
    }

    enum CodingKeys: String, CodingKey { case items, nextCursor }
}

/// Whether a username is free.
struct AvailabilityView: ResponseEncodable {
    var available: Bool
}

/// A plain acknowledgement.
struct OKView: ResponseEncodable {
    var ok = true
}
