import Foundation

/// What `UploadFile` needs to know about a file's bytes and name, implemented outside the domain (over
/// `ChatStorage`'s `FileTypeDetector` and `FileNameSanitizer`). It lives beside its use case because the
/// domain keeps no byte-sniffing rules of its own.
public protocol FileInspector: Sendable {
    /// How many leading bytes `detect` wants; it must also answer for a whole file shorter than this.
    var sampleSize: Int { get }
    /// The MIME type and kind of a file starting with `sample`, or nil when the type is not accepted.
    /// Pure: the same sample always gives the same answer. The client's declared type is never consulted.
    func detect(_ sample: Data) -> (mimeType: String, kind: StoredFile.Kind)?
    /// A client-supplied name made safe to store and to echo in a header; never empty.
    func sanitize(name: String) -> String
    /// A fresh SHA-256 digest to feed the file's bytes through.
    func makeDigest() -> any ContentDigest
}

/// A running SHA-256 over a file's bytes, fed chunk by chunk by one consumer.
public protocol ContentDigest: AnyObject {
    /// Adds the next bytes.
    func update(_ data: Data)
    /// The lowercase hex digest of everything added so far.
    func hexDigest() -> String
}
