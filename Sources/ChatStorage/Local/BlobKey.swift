import ChatDomain

/// Defensive checks on storage keys. Keys come from the server, but a store must never let one escape its root.
enum BlobKey {
    static let maximumLength = 1024

    /// Throws `BlobStoreError.rejected` unless `key` is 1...1024 characters of `[A-Za-z0-9/_.-]`, made of
    /// non-empty `/`-separated segments none of which starts with `.` (so no `.`, `..` or hidden names, and
    /// nothing that could collide with the store's own `.partial` and `.meta` folders) and not absolute.
    static func validate(_ key: String) throws {
        guard !key.isEmpty, key.utf8.count <= maximumLength else { throw BlobStoreError.rejected("invalid key length") }
        for byte in key.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "/"), UInt8(ascii: "_"), UInt8(ascii: "."),
                UInt8(ascii: "-"):
                continue
            default:
                throw BlobStoreError.rejected("invalid character in key")
            }
        }
        for segment in key.split(separator: "/", omittingEmptySubsequences: false) {
            guard let first = segment.first else { throw BlobStoreError.rejected("empty segment in key") }
            guard first != "." else { throw BlobStoreError.rejected("key segment starts with a dot") }
        }
    }
}
