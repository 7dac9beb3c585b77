import Foundation

/// The kind of device a session belongs to; decides how the refresh token travels.
public enum DeviceType: String, Sendable, Codable, CaseIterable {
    /// Refresh token in an `HttpOnly` cookie.
    case web = "WEB"
    /// Refresh token in the response body.
    case mobile = "MOBILE"
}

/// One signed-in device. Holds only the hash of its current refresh token.
public struct Session: Sendable, Equatable {
    /// The session's id.
    public var id: SessionID
    /// The user signed in.
    public var userID: UserID
    /// Web or mobile; decides how the refresh token travels.
    public var deviceType: DeviceType
    /// The name the client gave the device, at most 100 characters; nil when none.
    public var deviceName: String?
    /// The client's `User-Agent` at sign-in, at most 300 characters; nil when absent.
    public var userAgent: String?
    /// SHA-256 (hex) of the current refresh token; earlier ones are kept as retired hashes.
    public var refreshTokenHash: String
    /// When the user signed in on the device.
    public var createdAt: Date
    /// When the session was opened or last refreshed (using an access token does not count).
    public var lastUsedAt: Date
    /// When the session lapses unless refreshed first; each refresh moves it to that moment plus
    /// `TokenServices.refreshTokenLifetime`.
    public var expiresAt: Date
    /// When it was revoked (logout, revocation, a reused refresh token); nil while not revoked.
    public var revokedAt: Date?

    /// A session from its fields, as given; unrevoked unless `revokedAt` is passed.
    public init(
        id: SessionID, userID: UserID, deviceType: DeviceType, deviceName: String?, userAgent: String?,
        refreshTokenHash: String, createdAt: Date, lastUsedAt: Date, expiresAt: Date, revokedAt: Date? = nil
    ) {
        self.id = id
        self.userID = userID
        self.deviceType = deviceType
        self.deviceName = deviceName
        self.userAgent = userAgent
        self.refreshTokenHash = refreshTokenHash
        self.createdAt = createdAt
        self.lastUsedAt = lastUsedAt
        self.expiresAt = expiresAt
        self.revokedAt = revokedAt
    }

    /// Active: not revoked and not past its expiry at `now`.
    public func isActive(at now: Date) -> Bool { revokedAt == nil && expiresAt > now }
}
