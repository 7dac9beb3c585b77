import ChatDomain
import Crypto
import Foundation

/// swift-crypto's incremental SHA-256 as a `ContentDigest`. One consumer feeds it from one task at a time.
public final class SHA256Digest: ContentDigest, @unchecked Sendable {
    // Unchecked: used by exactly one upload, front to back, never concurrently.
    private var hash = SHA256()

    /// A digest of no bytes yet.
    public init() {}

    public func update(_ data: Data) { hash.update(data: data) }

    public func hexDigest() -> String {
        hash.finalize().map { String(format: "%02x", $0) }.joined()
    }
}
