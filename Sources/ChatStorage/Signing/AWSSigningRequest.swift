/// The parts of an HTTP request that AWS Signature V4 signs.
///
/// `path` and the query items are given decoded (`/my file.txt`, `prefix=a/b`); the signer percent-encodes
/// them exactly once. Header names may use any case; repeated names are signed as one comma-joined value.
public struct AWSSigningRequest: Sendable, Equatable {
    public var method: String
    public var path: String
    public var query: [QueryItem]
    public var headers: [Header]

    /// One `name=value` query parameter, decoded. A parameter without a value (`?uploads`) has value "".
    public struct QueryItem: Sendable, Equatable {
        public var name: String
        public var value: String

        public init(_ name: String, _ value: String = "") {
            self.name = name
            self.value = value
        }
    }

    /// One header line as sent. Must include `host`.
    public struct Header: Sendable, Equatable {
        public var name: String
        public var value: String

        public init(_ name: String, _ value: String) {
            self.name = name
            self.value = value
        }
    }

    public init(method: String, path: String, query: [QueryItem] = [], headers: [Header]) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
    }
}
