/// The `Content-Disposition` of a download: `inline` for images (every accepted image type is a raster format
/// that cannot run script), `attachment` for everything else, with an ASCII-safe quoted `filename` and the exact
/// name as RFC 5987 `filename*`. Shared by the server's own downloads and S3 presigned ones, so both name the
/// file the same way.
public enum ContentDisposition {
    /// The header value for a stored file. `fileName` is already sanitized; the result has no control
    /// characters, quotes or backslashes inside the quoted name, and percent-encodes every non-token byte.
    public static func header(fileName: String, mimeType: String) -> String {
        let disposition = mimeType.hasPrefix("image/") ? "inline" : "attachment"
        return "\(disposition); filename=\"\(asciiFallback(fileName))\"; filename*=UTF-8''\(percentEncoded(fileName))"
    }

    /// Printable ASCII kept, `"` `\` and everything else replaced by `_`.
    static func asciiFallback(_ name: String) -> String {
        var result = ""
        for scalar in name.unicodeScalars {
            let printable = scalar.value >= 0x20 && scalar.value < 0x7F && scalar != "\"" && scalar != "\\"
            result.unicodeScalars.append(printable ? scalar : "_")
        }
        return result.isEmpty ? "file" : result
    }

    /// UTF-8 bytes, percent-encoded except RFC 5987 `attr-char`.
    static func percentEncoded(_ name: String) -> String {
        let allowed = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!#$&+-.^_`|~".utf8)
        var result = ""
        for byte in name.utf8 {
            if allowed.contains(byte) {
                result.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                let hex = String(byte, radix: 16, uppercase: true)
                result += "%" + (hex.count == 1 ? "0" : "") + hex
            }
        }
        return result
    }
}
