/// The parts of an HTTP request that AWS Signature V4 signs.
///
/// `path` and the query items are given decoded (`/my file.txt`, `prefix=a/b`); the signer percent-encodes
/// them exactly once. Header names may use any case; repeated names are signed as one comma-joined value.
public struct AWSSigningRequest: Sendable, Equatable {
    /// The HTTP method, as sent (`GET`, `PUT`).
    public var method: String
    /// The request path, decoded, starting with `/`.
    public var path: String
    /// The query parameters, decoded, in any order.
    public var query: [QueryItem]
    /// The headers to sign; must include `host`.
    public var headers: [Header]

    /// One `name=value` query parameter, decoded. A parameter without a value (`?uploads`) has value "".
    public struct QueryItem: Sendable, Equatable {
        /// The parameter name, decoded.
        public var name: String
        /// The parameter value, decoded; "" when it has none.
        public var value: String

        /// A parameter; the value defaults to "" for a bare name like `uploads`.
        public init(_ name: String, _ value: String = "") {
            self.name = name
            self.value = value
        }
    }

    /// One header line as sent. Must include `host`.
    public struct Header: Sendable, Equatable {
        /// The header name, in any case.
        public var name: String
        /// The header value, as sent.
        public var value: String

        /// A header line.
        public init(_ name: String, _ value: String) {
            self.name = name
            self.value = value
        }
    }

    /// A request to sign; `query` defaults to none.
    public init(method: String, path: String, query: [QueryItem] = [], headers: [Header]) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
    }
}
