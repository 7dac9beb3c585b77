/// An access key pair (and optional session token) used to sign AWS Signature V4 requests.
///
/// `description` never shows the secret key or the session token, so a credentials value is safe to log.
public struct AWSCredentials: Sendable, Equatable, CustomStringConvertible {
    /// The access key id, sent in the clear in every signature.
    public var accessKeyID: String
    /// The secret access key that derives the signing key; never sent.
    public var secretAccessKey: String
    /// Token of temporary credentials, sent as `x-amz-security-token`; nil for long-term keys.
    public var sessionToken: String?

    /// Credentials from a key pair, with a session token for temporary ones.
    public init(accessKeyID: String, secretAccessKey: String, sessionToken: String? = nil) {
        self.accessKeyID = accessKeyID
        self.secretAccessKey = secretAccessKey
        self.sessionToken = sessionToken
    }

    /// The access key id only; the secret and the token are redacted.
    public var description: String {
        "AWSCredentials(accessKeyID: \(accessKeyID), secretAccessKey: <redacted>)"
    }
}
