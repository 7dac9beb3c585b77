import ChatDomain
import ChatStorage
import Foundation
import Testing

@Suite struct FileTypeDetectorTests {
    struct Sample: CustomTestStringConvertible, Sendable {
        var name: String
        var bytes: [UInt8]
        var expected: DetectedFileType?
        var testDescription: String { name }
    }

    static func ascii(_ text: String) -> [UInt8] { Array(text.utf8) }

    static let recognised: [Sample] = [
        Sample(name: "PNG", bytes: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D] + ascii("IHDR"),
               expected: .init(mimeType: "image/png", kind: .image)),
        Sample(name: "JPEG (JFIF)", bytes: [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10] + ascii("JFIF") + [0],
               expected: .init(mimeType: "image/jpeg", kind: .image)),
        Sample(name: "GIF89a", bytes: ascii("GIF89a") + [0x01, 0x00, 0x01, 0x00, 0x80],
               expected: .init(mimeType: "image/gif", kind: .image)),
        Sample(name: "GIF87a", bytes: ascii("GIF87a") + [0x01, 0x00], expected: .init(mimeType: "image/gif", kind: .image)),
        Sample(name: "WebP", bytes: ascii("RIFF") + [0x24, 0, 0, 0] + ascii("WEBPVP8 "),
               expected: .init(mimeType: "image/webp", kind: .image)),
        Sample(name: "PDF", bytes: ascii("%PDF-1.7\n%\u{e2}\u{e3}"), expected: .init(mimeType: "application/pdf", kind: .file)),
        Sample(name: "MP3 with ID3 tag", bytes: ascii("ID3") + [0x04, 0x00, 0x00, 0x00, 0x00, 0x00, 0x23],
               expected: .init(mimeType: "audio/mpeg", kind: .audio)),
        Sample(name: "MP3 frame sync (MPEG-1 layer III, 128 kbit/s, 44.1 kHz)", bytes: [0xFF, 0xFB, 0x90, 0x64, 0x00],
               expected: .init(mimeType: "audio/mpeg", kind: .audio)),
        Sample(name: "Ogg", bytes: ascii("OggS") + [0x00, 0x02, 0, 0, 0, 0], expected: .init(mimeType: "audio/ogg", kind: .audio)),
        Sample(name: "M4A", bytes: [0, 0, 0, 0x20] + ascii("ftypM4A ") + [0, 0, 0, 0] + ascii("M4A mp42isom"),
               expected: .init(mimeType: "audio/mp4", kind: .audio)),
        Sample(name: "MP4 (mp42)", bytes: [0, 0, 0, 0x18] + ascii("ftypmp42") + [0, 0, 0, 0] + ascii("mp42isom"),
               expected: .init(mimeType: "video/mp4", kind: .video)),
        Sample(name: "MP4 (isom)", bytes: [0, 0, 0, 0x20] + ascii("ftypisom") + [0, 0, 0x02, 0] + ascii("isomiso2avc1mp41"),
               expected: .init(mimeType: "video/mp4", kind: .video)),
        Sample(name: "WebM", bytes: [0x1A, 0x45, 0xDF, 0xA3, 0x9F, 0x42, 0x86, 0x81, 0x01, 0x42, 0xF7, 0x81, 0x01, 0x42, 0xF2,
                                     0x81, 0x04, 0x42, 0xF3, 0x81, 0x08, 0x42, 0x82, 0x84] + ascii("webm") + [0x42, 0x87, 0x81, 0x04],
               expected: .init(mimeType: "video/webm", kind: .video)),
        Sample(name: "UTF-8 text", bytes: ascii("Grüße aus Köln 👋\nline two\n"), expected: .init(mimeType: "text/plain", kind: .file)),
    ]

    static let refused: [Sample] = [
        Sample(name: "empty", bytes: [], expected: nil),
        Sample(name: "text with a NUL", bytes: ascii("abc") + [0] + ascii("def"), expected: nil),
        Sample(name: "invalid UTF-8", bytes: [0x61, 0xC3, 0x28, 0x62], expected: nil),
        Sample(name: "ELF executable", bytes: [0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x01, 0x00], expected: nil),
        Sample(name: "ZIP", bytes: [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0x08, 0x00, 0xC8, 0x9F], expected: nil),
        Sample(name: "AAC ADTS (sync word, but layer 0)", bytes: [0xFF, 0xF1, 0x50, 0x80, 0x02, 0x1F, 0xFC], expected: nil),
        Sample(name: "Matroska (EBML, not WebM)", bytes: [0x1A, 0x45, 0xDF, 0xA3, 0xA3, 0x42, 0x82, 0x88] + ascii("matroska"), expected: nil),
        Sample(name: "HEIC (unknown ftyp brand)", bytes: [0, 0, 0, 0x18] + ascii("ftypheic") + [0, 0, 0, 0], expected: nil),
    ]

    @Test(arguments: recognised + refused)
    func detectsTheTypeFromMagicBytes(_ sample: Sample) {
        #expect(FileTypeDetector.detect(Data(sample.bytes)) == sample.expected)
    }

    @Test func textCutInsideACharacterAtTheSampleEndIsStillText() {
        let text = Array(String(repeating: "a", count: FileTypeDetector.sampleSize - 1).utf8) + Array("é".utf8)
        #expect(FileTypeDetector.detect(Data(text.prefix(FileTypeDetector.sampleSize))) == .init(mimeType: "text/plain", kind: .file))
        // The same cut inside a complete (shorter) file is invalid UTF-8.
        #expect(FileTypeDetector.detect(Data(Array("abc".utf8) + [0xC3])) == nil)
    }

    @Test func onlyTheSampleIsInspected() {
        let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) + Data(repeating: 0, count: 10_000)
        #expect(FileTypeDetector.detect(png)?.mimeType == "image/png")
    }
}
