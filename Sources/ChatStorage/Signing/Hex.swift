import Crypto
import Foundation

extension Sequence where Element == UInt8 {
    /// Lowercase hexadecimal, two digits a byte.
    var hexString: String {
        var result = ""
        for byte in self {
            result += String(byte >> 4, radix: 16) + String(byte & 0x0F, radix: 16)
        }
        return result
    }
}

/// Hex SHA-256 helpers used by the signer and the stores.
enum SHA256Hex {
    /// Hex SHA-256 of `data`.
    static func of(_ data: some DataProtocol) -> String {
        SHA256.hash(data: data).hexString
    }

    /// Hex SHA-256 of the empty body.
    static let empty = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
}
