import Foundation

@testable import ChatStorage

/// A request as written in the AWS test-suite files: request line, folded headers, blank line, body.
struct RawHTTPRequest {
    var method: String
    var path: String
    var query: [AWSSigningRequest.QueryItem]
    var headers: [AWSSigningRequest.Header]
    var body: Data

    init(parsing text: String) {
        let (head, body): (Substring, Substring) =
            if let range = text.range(of: "\n\n") {
                (text[..<range.lowerBound], text[range.upperBound...])
            } else {
                (text[...], "")
            }
        var lines = head.split(separator: "\n", omittingEmptySubsequences: false)
        let requestLine = lines.removeFirst()
        let firstSpace = requestLine.firstIndex(of: " ")!
        let versionStart = requestLine.range(of: " HTTP/", options: .backwards)!.lowerBound
        method = String(requestLine[..<firstSpace])
        let target = requestLine[requestLine.index(after: firstSpace)..<versionStart]
        if let mark = target.firstIndex(of: "?") {
            path = String(target[..<mark])
            query = target[target.index(after: mark)...].split(separator: "&").map { pair in
                let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                return .init(
                    AWSURIEncoding.decode(String(parts[0])),
                    parts.count > 1 ? AWSURIEncoding.decode(String(parts[1])) : "")
            }
        } else {
            path = String(target)
            query = []
        }
        headers = []
        for line in lines where !line.isEmpty {
            if line.first == " " || line.first == "\t", !headers.isEmpty {
                headers[headers.count - 1].value += "\n" + line
            } else if let colon = line.firstIndex(of: ":") {
                headers.append(.init(String(line[..<colon]), String(line[line.index(after: colon)...])))
            }
        }
        self.body = Data(body.utf8)
    }

    var signingRequest: AWSSigningRequest {
        AWSSigningRequest(method: method, path: path, query: query, headers: headers)
    }
}
