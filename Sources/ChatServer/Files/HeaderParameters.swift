import Foundation

/// Reads headers of the form `value; key=token; key="quoted \" string"` (Content-Type, Content-Disposition).
enum HeaderParameters {
    /// The part before the first `;` (trimmed, lowercased) and the parameters after it: keys lowercased, values
    /// unquoted. A key given twice keeps its first value. Backslashes are kept as they are: browsers send file
    /// names unescaped (a `"` as `%22`), and old ones send Windows paths (`C:\fakepath\a.png`).
    static func parse(_ header: String) -> (value: String, parameters: [String: String]) {
        var segments: [String] = []
        var current = ""
        var inQuotes = false
        for character in header {
            if character == "\"" {
                inQuotes.toggle()
                current.append(character)
            } else if character == ";" && !inQuotes {
                segments.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        segments.append(current)
        let value = segments.removeFirst().trimmingCharacters(in: .whitespaces).lowercased()
        var parameters: [String: String] = [:]
        for segment in segments {
            guard let equals = segment.firstIndex(of: "=") else { continue }
            let key = segment[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
            var raw = segment[segment.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            if raw.count >= 2, raw.hasPrefix("\""), raw.hasSuffix("\"") { raw = String(raw.dropFirst().dropLast()) }
            if !key.isEmpty, parameters[key] == nil { parameters[key] = raw }
        }
        return (value, parameters)
    }

    /// The value of an RFC 5987 extended parameter (`UTF-8''%E2%82%AC.png`), or nil when it is not UTF-8 or
    /// badly encoded.
    static func extendedValue(_ raw: String) -> String? {
        let parts = raw.split(separator: "'", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].lowercased() == "utf-8" else { return nil }
        return String(parts[2]).removingPercentEncoding
    }
}
