import Foundation

/// The input rules of the contract, in one place; each check throws `DomainError.invalid` naming the field.
public enum Validation {
    /// Longest message content accepted, in characters.
    public static let maxContentLength = 10_000
    /// Longest client message id accepted, in characters.
    public static let maxClientMessageIDLength = 128
    /// Longest reaction emoji accepted, in bytes of UTF-8.
    public static let maxEmojiBytes = 32

    /// Trimmed, lowercased email of the form `local@domain.tld`, at most 254 characters.
    public static func email(_ raw: String) throws -> String {
        let email = raw.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        guard email.count <= 254, parts.count == 2, !parts[0].isEmpty,
            parts[1].contains("."), !parts[1].hasPrefix("."), !parts[1].hasSuffix("."),
            !email.contains(where: { $0.isWhitespace })
        else { throw DomainError.invalid(field: "email", reason: "must be a valid email address") }
        return email
    }

    /// Lowercased username of 3–32 characters from `a-z 0-9 _ .`.
    public static func username(_ raw: String) throws -> String {
        let username = raw.lowercased()
        let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789_.")
        guard (3...32).contains(username.count), username.allSatisfy(allowed.contains) else {
            throw DomainError.invalid(field: "username", reason: "3-32 characters of a-z, 0-9, _ and .")
        }
        return username
    }

    /// A password of 8–128 characters, unchanged.
    public static func password(_ raw: String) throws -> String {
        guard (8...128).contains(raw.count) else {
            throw DomainError.invalid(field: "password", reason: "must be 8-128 characters")
        }
        return raw
    }

    /// A trimmed display name of 1–100 characters; `field` names it in the error.
    public static func name(_ raw: String, field: String = "name") throws -> String {
        let name = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...100).contains(name.count) else {
            throw DomainError.invalid(field: field, reason: "must be 1-100 characters")
        }
        return name
    }

    /// Message content: at most `maxContentLength` characters; nil or blank becomes nil.
    public static func content(_ raw: String?) throws -> String? {
        guard let raw else { return nil }
        guard raw.count <= maxContentLength else {
            throw DomainError.invalid(field: "content", reason: "at most \(maxContentLength) characters")
        }
        return raw.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : raw
    }

    /// A client message id of 1–128 characters, or nil.
    public static func clientMessageID(_ raw: String?) throws -> String? {
        guard let raw else { return nil }
        guard (1...maxClientMessageIDLength).contains(raw.count) else {
            throw DomainError.invalid(field: "clientMessageId", reason: "1-\(maxClientMessageIDLength) characters")
        }
        return raw
    }

    /// A reaction's emoji: 1-`maxEmojiBytes` bytes of UTF-8 with no whitespace or control character, unchanged (any
    /// such text is accepted, not only emoji, so clients may also use short codes such as `+1`).
    public static func emoji(_ raw: String) throws -> String {
        guard (1...maxEmojiBytes).contains(raw.utf8.count),
            !raw.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.properties.generalCategory == .control })
        else {
            throw DomainError.invalid(
                field: "emoji", reason: "1-\(maxEmojiBytes) bytes of UTF-8 without whitespace or control characters")
        }
        return raw
    }

    /// A page size: `default` when nil, else 1...`maximum`.
    public static func limit(_ raw: Int?, default defaultValue: Int, maximum: Int) throws -> Int {
        guard let raw else { return defaultValue }
        guard (1...maximum).contains(raw) else {
            throw DomainError.invalid(field: "limit", reason: "must be between 1 and \(maximum)")
        }
        return raw
    }
}
