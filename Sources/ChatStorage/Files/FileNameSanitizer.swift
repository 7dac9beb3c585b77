/// Makes a client-supplied file name safe to store and to echo in a `Content-Disposition` header.
public enum FileNameSanitizer {
    /// Longest result, in UTF-8 bytes.
    public static let maximumBytes = 255
    /// What an empty or unusable name becomes.
    public static let fallback = "file"

    /// The last path component of `name` (after `/` or `\`), without control or bidirectional-format characters
    /// and surrounding whitespace, cut to at most 255 UTF-8 bytes on a character boundary (keeping a short
    /// extension when it has to cut). Returns "file" when nothing usable is left (empty, `.` or `..`).
    public static func sanitize(_ name: String) -> String {
        let lastComponent = name.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        var cleaned = String.UnicodeScalarView()
        for scalar in lastComponent.unicodeScalars {
            switch scalar.properties.generalCategory {
            case .control, .format, .lineSeparator, .paragraphSeparator, .surrogate, .privateUse, .unassigned:
                continue
            default:
                cleaned.append(scalar)
            }
        }
        let trimmed = String(cleaned).trimmingWhitespace()
        guard !trimmed.isEmpty, trimmed != ".", trimmed != ".." else { return fallback }
        return truncate(trimmed)
    }

    private static func truncate(_ name: String) -> String {
        guard name.utf8.count > maximumBytes else { return name }
        var suffix = ""
        if let dot = name.lastIndex(of: "."), dot != name.startIndex {
            let candidate = String(name[dot...])
            if candidate.utf8.count <= 16 { suffix = candidate }
        }
        let budget = maximumBytes - suffix.utf8.count
        var stem = ""
        var used = 0
        for character in name.dropLast(suffix.count) {
            let size = String(character).utf8.count
            guard used + size <= budget else { break }
            stem.append(character)
            used += size
        }
        return stem.isEmpty ? fallback : stem + suffix
    }
}

extension String {
    fileprivate func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[first...last])
    }
}
