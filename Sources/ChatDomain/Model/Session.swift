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
    public var id: SessionID
    public var userID: UserID
    public var deviceType: DeviceType
    public var deviceName: String?
    public var userAgent: String?
    /// SHA-256 (hex) of the current refresh token; earlier ones are kept as retired hashes.
    public var refreshTokenHash: String
    public var createdAt: Date
    public var lastUsedAt: Date
    public var expiresAt: Date
    public var revokedAt: Date?

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
