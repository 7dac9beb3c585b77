import Crypto
import Foundation

/// AWS Signature Version 4 (`AWS4-HMAC-SHA256`), for request headers and for presigned query strings.
///
/// Hand-written because no maintained Swift SigV4 library is available to this project (Soto is not
/// vendored here). It is checked against AWS's published test suite and S3 examples in the unit tests.
///
/// The signer is a pure function of its inputs: give it the same request, payload and date and it returns the
/// same signature. It never logs; its results contain signatures, so callers must not log them either.
public struct AWSSignatureV4: Sendable {
    /// How the canonical URI is formed from the request path.
    public enum PathStyle: Sendable, Equatable {
        /// S3: the path is encoded once, as given; `.`, `..` and `//` are signed literally.
        case s3
        /// Other services: dot segments and repeated slashes are removed before encoding.
        case normalized
    }

    /// The value of the last canonical request line (and of `x-amz-content-sha256`).
    public enum Payload: Sendable, Equatable {
        /// Hex SHA-256 of the exact body bytes sent.
        case sha256(String)
        /// The literal `UNSIGNED-PAYLOAD`: the body is not covered by the signature.
        case unsigned

        /// Hashes `body`.
        public static func hashing(_ body: some DataProtocol) -> Payload { .sha256(SHA256Hex.of(body)) }

        /// The empty body's hash.
        public static let empty = Payload.sha256(SHA256Hex.empty)

        /// The string placed in the canonical request.
        public var value: String {
            switch self {
            case .sha256(let hex): hex
            case .unsigned: "UNSIGNED-PAYLOAD"
            }
        }
    }

    /// Everything a signature produced, for sending (`headers` or `query`) and for checking against vectors.
    public struct Signed: Sendable {
        /// Headers to add to the request (header form) — `x-amz-date`, optionally `x-amz-security-token`
        /// and `x-amz-content-sha256`, and `authorization`. Empty for the presigned form.
        public var headers: [AWSSigningRequest.Header]
        /// The complete query to send, decoded, in canonical order, ending with `X-Amz-Signature`
        /// (presigned form); the request's own query otherwise.
        public var query: [AWSSigningRequest.QueryItem]
        /// The canonical request that was hashed, lines joined by `\n`.
        public var canonicalRequest: String
        /// The string signed: algorithm, timestamp, scope and the canonical request's hex SHA-256.
        public var stringToSign: String
        /// The signature, 64 lowercase hex digits.
        public var signature: String
        /// The query string exactly as it must be sent, already percent-encoded.
        public var encodedQuery: String {
            query.map { AWSURIEncoding.encode($0.name) + "=" + AWSURIEncoding.encode($0.value) }.joined(separator: "&")
        }
    }

    /// The algorithm name sent in `Authorization` and `X-Amz-Algorithm`.
    public static let algorithm = "AWS4-HMAC-SHA256"

    /// The key pair (and session token) that signs.
    public let credentials: AWSCredentials
    /// The region of the signing scope, such as `us-east-1`.
    public let region: String
    /// The service of the signing scope, such as `s3`.
    public let service: String
    /// How the canonical URI is formed from the request path.
    public let pathStyle: PathStyle

    /// A signer for `service` (`"s3"` for S3) in `region`. `pathStyle` defaults to S3's rules when
    /// `service` is `"s3"`, and to normalized paths otherwise.
    public init(credentials: AWSCredentials, region: String, service: String, pathStyle: PathStyle? = nil) {
        self.credentials = credentials
        self.region = region
        self.service = service
        self.pathStyle = pathStyle ?? (service == "s3" ? .s3 : .normalized)
    }

    /// Signs `request` with an `Authorization` header.
    ///
    /// Adds `x-amz-date`, `x-amz-security-token` (when the credentials carry one) and, when
    /// `sendsContentHash` is true (S3 requires it), `x-amz-content-sha256` with `payload`'s value.
    /// Every header of `request` is signed; it must contain `host`.
    public func signHeaders(
        _ request: AWSSigningRequest, payload: Payload, date: Date, sendsContentHash: Bool = true
    ) -> Signed {
        let time = AWSTimestamp(date)
        let added = Set(["x-amz-date", "authorization", "x-amz-security-token", "x-amz-content-sha256"])
        var headers = request.headers.filter { !added.contains($0.name.lowercased()) }
        var extra = [AWSSigningRequest.Header("x-amz-date", time.dateTime)]
        if let token = credentials.sessionToken { extra.append(.init("x-amz-security-token", token)) }
        if sendsContentHash { extra.append(.init("x-amz-content-sha256", payload.value)) }
        headers += extra

        let canonicalHeaders = Self.canonicalHeaders(headers)
        let canonical = canonicalRequest(
            method: request.method, path: request.path, query: request.query, headers: canonicalHeaders,
            payload: payload)
        let (stringToSign, signature) = sign(canonical, time: time)
        let authorization =
            "\(Self.algorithm) Credential=\(credentials.accessKeyID)/\(scope(time)), "
            + "SignedHeaders=\(canonicalHeaders.signedNames), Signature=\(signature)"
        return Signed(
            headers: extra + [.init("authorization", authorization)], query: request.query,
            canonicalRequest: canonical, stringToSign: stringToSign, signature: signature)
    }

    /// Signs `request` into a presigned URL query valid for `expiresIn` seconds (1...604800) from `date`.
    ///
    /// Adds `X-Amz-Algorithm`, `X-Amz-Credential`, `X-Amz-Date`, `X-Amz-Expires`, `X-Amz-SignedHeaders`,
    /// `X-Amz-Security-Token` (when the credentials carry one) and `X-Amz-Signature` to the query. Only the
    /// headers in `request` are signed (usually just `host`). S3 expects `payload` `.unsigned`.
    public func presign(
        _ request: AWSSigningRequest, payload: Payload = .unsigned, expiresIn: Int, date: Date
    ) -> Signed {
        let time = AWSTimestamp(date)
        let canonicalHeaders = Self.canonicalHeaders(request.headers)
        var query = request.query
        query += [
            .init("X-Amz-Algorithm", Self.algorithm),
            .init("X-Amz-Credential", "\(credentials.accessKeyID)/\(scope(time))"),
            .init("X-Amz-Date", time.dateTime),
            .init("X-Amz-Expires", String(min(max(expiresIn, 1), 604_800))),
            .init("X-Amz-SignedHeaders", canonicalHeaders.signedNames),
        ]
        if let token = credentials.sessionToken { query.append(.init("X-Amz-Security-Token", token)) }
        query = Self.sortedQuery(query)
        let canonical = canonicalRequest(
            method: request.method, path: request.path, query: query, headers: canonicalHeaders, payload: payload)
        let (stringToSign, signature) = sign(canonical, time: time)
        return Signed(
            headers: [], query: query + [.init("X-Amz-Signature", signature)],
            canonicalRequest: canonical, stringToSign: stringToSign, signature: signature)
    }

    /// `<yyyymmdd>/<region>/<service>/aws4_request`.
    func scope(_ time: AWSTimestamp) -> String {
        "\(time.date)/\(region)/\(service)/aws4_request"
    }

    private func sign(_ canonicalRequest: String, time: AWSTimestamp) -> (stringToSign: String, signature: String) {
        let stringToSign = [
            Self.algorithm, time.dateTime, scope(time), SHA256Hex.of(Data(canonicalRequest.utf8)),
        ].joined(separator: "\n")
        let key = Self.signingKey(
            secret: credentials.secretAccessKey, date: time.date, region: region, service: service)
        let signature = HMAC<SHA256>.authenticationCode(for: Data(stringToSign.utf8), using: key).hexString
        return (stringToSign, signature)
    }

    /// `HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service), "aws4_request")`.
    static func signingKey(secret: String, date: String, region: String, service: String) -> SymmetricKey {
        var key = SymmetricKey(data: Data(("AWS4" + secret).utf8))
        for part in [date, region, service, "aws4_request"] {
            key = SymmetricKey(data: Data(HMAC<SHA256>.authenticationCode(for: Data(part.utf8), using: key)))
        }
        return key
    }
}
