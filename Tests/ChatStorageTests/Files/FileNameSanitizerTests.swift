import ChatStorage
import Testing

@Suite struct FileNameSanitizerTests {
    @Test(arguments: [
        ("holiday.jpg", "holiday.jpg"),
        ("../../etc/passwd", "passwd"),
        ("C:\\Users\\me\\report.pdf", "report.pdf"),
        ("/absolute/path/song.mp3", "song.mp3"),
        ("  spaced name.txt  ", "spaced name.txt"),
        ("bad\u{0}name\u{7}\n.txt", "badname.txt"),
        ("evil\u{202E}gpj.exe", "evilgpj.exe"),
        ("", "file"),
        ("..", "file"),
        (".", "file"),
        ("dir/", "dir"),
        ("///", "file"),
        ("\u{1}\u{2}", "file"),
        ("Grüße 👋.txt", "Grüße 👋.txt"),
    ])
    func sanitizes(_ input: String, _ expected: String) {
        #expect(FileNameSanitizer.sanitize(input) == expected)
    }

    @Test func longNamesAreCutTo255BytesKeepingTheExtension() {
        let name = String(repeating: "a", count: 300) + ".pdf"
        let sanitized = FileNameSanitizer.sanitize(name)
        #expect(sanitized.utf8.count == 255)
        #expect(sanitized.hasSuffix(".pdf"))
    }

    @Test func cuttingNeverSplitsAMultiByteCharacter() {
        let name = String(repeating: "é", count: 200)  // 400 bytes, no extension
        let sanitized = FileNameSanitizer.sanitize(name)
        #expect(sanitized.utf8.count <= 255)
        #expect(sanitized == String(repeating: "é", count: 127))
    }
}
