/// Building the canonical request, the string that the signature covers.
extension AWSSignatureV4 {
    /// Canonical headers: lowercase names, sorted, values trimmed with inner whitespace runs collapsed,
    /// repeated names joined with `,` in the order they were given.
    struct CanonicalHeaders {
        var entries: [(name: String, value: String)]

        var signedNames: String { entries.map(\.name).joined(separator: ";") }
        var block: String { entries.map { "\($0.name):\($0.value)\n" }.joined() }
    }

    static func canonicalHeaders(_ headers: [AWSSigningRequest.Header]) -> CanonicalHeaders {
        var order: [String] = []
        var values: [String: [String]] = [:]
        for header in headers {
            let name = header.name.lowercased()
            if values[name] == nil { order.append(name) }
            values[name, default: []].append(collapseWhitespace(header.value))
        }
        let sorted = order.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        return CanonicalHeaders(entries: sorted.map { ($0, values[$0, default: []].joined(separator: ",")) })
    }

    /// Trims the value and turns every run of spaces, tabs and line breaks into one space.
    static func collapseWhitespace(_ value: String) -> String {
        value.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" })
            .joined(separator: " ")
    }

    /// Sorts by encoded name, then encoded value, comparing bytes (what AWS calls "sort by key code point").
    static func sortedQuery(_ items: [AWSSigningRequest.QueryItem]) -> [AWSSigningRequest.QueryItem] {
        items.map { (item: $0, name: Array(AWSURIEncoding.encode($0.name).utf8), value: Array(AWSURIEncoding.encode($0.value).utf8)) }
            .sorted { lhs, rhs in
                lhs.name == rhs.name
                    ? lhs.value.lexicographicallyPrecedes(rhs.value) : lhs.name.lexicographicallyPrecedes(rhs.name)
            }
            .map(\.item)
    }

    func canonicalURI(_ path: String) -> String {
        let path = path.isEmpty ? "/" : path
        switch pathStyle {
        case .s3: return AWSURIEncoding.encode(path, keepingSlash: true)
        case .normalized: return AWSURIEncoding.encode(AWSURIEncoding.normalizePath(path), keepingSlash: true)
        }
    }

    static func canonicalQuery(_ items: [AWSSigningRequest.QueryItem]) -> String {
        sortedQuery(items).map { AWSURIEncoding.encode($0.name) + "=" + AWSURIEncoding.encode($0.value) }
            .joined(separator: "&")
    }

    func canonicalRequest(
        method: String, path: String, query: [AWSSigningRequest.QueryItem], headers: CanonicalHeaders,
        payload: Payload
    ) -> String {
        [
            method.uppercased(), canonicalURI(path), Self.canonicalQuery(query), headers.block, headers.signedNames,
            payload.value,
        ].joined(separator: "\n")
    }
}
