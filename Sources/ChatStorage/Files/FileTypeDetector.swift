import Foundation

/// Recognises the types the server accepts from a file's first bytes; the client's declared type is never used.
///
/// A pure function: the same sample always gives the same answer.
public enum FileTypeDetector {
    /// How many leading bytes `detect` needs to decide (it also works with fewer).
    public static let sampleSize = 512

    private static let mp4Brands: Set<String> = [
        "isom", "iso2", "iso3", "iso4", "iso5", "iso6", "mp41", "mp42", "avc1", "M4V ", "M4VP", "dash", "mmp4", "MSNV",
    ]
    private static let m4aBrands: Set<String> = ["M4A ", "M4B "]

    /// The type of a file starting with `sample` (its first `sampleSize` bytes, or the whole file when shorter),
    /// or nil when the bytes match none of PNG, JPEG, GIF, WebP, PDF, MP3, Ogg, M4A, MP4, WebM or UTF-8 text.
    /// Text means valid UTF-8 with no NUL byte; a multi-byte character cut off at the end of a full-size
    /// sample is allowed. An empty sample is nil.
    public static func detect(_ sample: Data) -> DetectedFileType? {
        let bytes = [UInt8](sample.prefix(sampleSize))
        guard !bytes.isEmpty else { return nil }
        if let binary = detectBinary(bytes) { return binary }
        return isText(bytes, truncated: sample.count >= sampleSize) ? .init(mimeType: "text/plain", kind: .file) : nil
    }

    private static func detectBinary(_ b: [UInt8]) -> DetectedFileType? {
        if b.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .init(mimeType: "image/png", kind: .image) }
        if b.starts(with: [0xFF, 0xD8, 0xFF]) { return .init(mimeType: "image/jpeg", kind: .image) }
        if b.starts(with: Array("GIF87a".utf8)) || b.starts(with: Array("GIF89a".utf8)) {
            return .init(mimeType: "image/gif", kind: .image)
        }
        if b.starts(with: Array("RIFF".utf8)), ascii(b, 8, 4) == "WEBP" { return .init(mimeType: "image/webp", kind: .image) }
        if b.starts(with: Array("%PDF-".utf8)) { return .init(mimeType: "application/pdf", kind: .file) }
        if b.starts(with: Array("OggS".utf8)) { return .init(mimeType: "audio/ogg", kind: .audio) }
        if ascii(b, 4, 4) == "ftyp", let brand = ascii(b, 8, 4) {
            if m4aBrands.contains(brand) { return .init(mimeType: "audio/mp4", kind: .audio) }
            if mp4Brands.contains(brand) { return .init(mimeType: "video/mp4", kind: .video) }
            return nil
        }
        if b.starts(with: [0x1A, 0x45, 0xDF, 0xA3]) {
            // EBML is shared with Matroska; only the WebM doctype is accepted.
            return contains(b, Array("webm".utf8)) ? .init(mimeType: "video/webm", kind: .video) : nil
        }
        if b.starts(with: Array("ID3".utf8)) || isMPEGAudioFrame(b) { return .init(mimeType: "audio/mpeg", kind: .audio) }
        return nil
    }

    /// An MPEG-1/2/2.5 audio frame header: 11 sync bits, a valid version and layer, bitrate and sample rate.
    private static func isMPEGAudioFrame(_ b: [UInt8]) -> Bool {
        guard b.count >= 4, b[0] == 0xFF, b[1] & 0xE0 == 0xE0 else { return false }
        let version = (b[1] >> 3) & 0x03
        let layer = (b[1] >> 1) & 0x03
        let bitrate = b[2] >> 4
        let sampleRate = (b[2] >> 2) & 0x03
        return version != 0x01 && layer != 0x00 && bitrate != 0x0F && bitrate != 0x00 && sampleRate != 0x03
    }

    private static func isText(_ bytes: [UInt8], truncated: Bool) -> Bool {
        guard !bytes.contains(0) else { return false }
        if String(validating: bytes, as: UTF8.self) != nil { return true }
        guard truncated else { return false }
        // Drop a multi-byte character the sample cut in two (at most 3 bytes of it).
        for cut in 1...3 where cut < bytes.count {
            let lead = bytes[bytes.count - cut]
            if lead & 0xC0 == 0xC0 { return String(validating: bytes.dropLast(cut), as: UTF8.self) != nil }
            if lead & 0xC0 != 0x80 { return false }
        }
        return false
    }

    private static func ascii(_ b: [UInt8], _ offset: Int, _ count: Int) -> String? {
        guard b.count >= offset + count else { return nil }
        return String(decoding: b[offset..<offset + count], as: UTF8.self)
    }

    private static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard haystack.count >= needle.count else { return false }
        return (0...(haystack.count - needle.count)).contains { haystack[$0..<$0 + needle.count].elementsEqual(needle) }
    }
}
