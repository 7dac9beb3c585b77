import ChatDomain
import Crypto
import Foundation

/// Refresh tokens of 256 random bits (base64url, 43 characters), stored as their SHA-256 in hex.
/// A fast hash is enough here: the token is random, so there is nothing to guess.
public struct OpaqueRefreshTokens: RefreshTokenGenerator {
    /// A generator; it holds no state.
    public init() {}

    public func generate() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    public func hash(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}
