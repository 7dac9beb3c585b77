import ChatDomain
import ChatStorage
import Foundation

/// `FileInspector` over `ChatStorage`: `FileTypeDetector`'s allow-list (PNG, JPEG, GIF, WebP, PDF, MP3, Ogg, M4A,
/// MP4, WebM, UTF-8 text), `FileNameSanitizer`, and swift-crypto's SHA-256.
struct StorageFileInspector: FileInspector {
    var sampleSize: Int { FileTypeDetector.sampleSize }

    func detect(_ sample: Data) -> (mimeType: String, kind: StoredFile.Kind)? {
        FileTypeDetector.detect(sample).map { ($0.mimeType, $0.kind) }
    }

    func sanitize(name: String) -> String { FileNameSanitizer.sanitize(name) }

    func makeDigest() -> any ContentDigest { SHA256Digest() }
}
