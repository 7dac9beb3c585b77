import ChatDomain
import Foundation
import Testing

@Suite("SHA-256 of uploads")
struct SHA256HasherTests {
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
    ])
    func knownVectors(input: String, digest: String) {
        var hasher = SHA256Hasher()
        hasher.update(Data(input.utf8))
        #expect(hasher.hexDigest() == digest)
    }

    @Test func aMillionAsInUnevenChunksGiveTheStandardDigest() {
        var hasher = SHA256Hasher()
        var remaining = 1_000_000
        var size = 1
        while remaining > 0 {
            let count = min(size, remaining)
            hasher.update(Data(repeating: 0x61, count: count))
            remaining -= count
            size = size % 97 + 13
        }
        #expect(hasher.hexDigest() == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }
}

@Suite("SHA-256 of large chunks")
struct SHA256LargeChunkTests {
    @Test func eightMiBInOneChunkMatchesAReferenceDigest() {
        var hasher = SHA256Hasher()
        hasher.update(Data((0..<(8 * 1024 * 1024)).map { UInt8(truncatingIfNeeded: $0 &* 7) }))
        #expect(hasher.hexDigest() == "2abaab1df360cac1128aa7ccf91e751bb70ab1c70d2982c4f59f434d61590e62")
    }
}
