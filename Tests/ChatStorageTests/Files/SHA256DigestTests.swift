import ChatStorage
import Foundation
import Testing

@Suite("SHA-256 digest of uploads")
struct SHA256DigestTests {
    @Test func chunkedInputGivesTheStandardDigest() {
        let digest = SHA256Digest()
        for chunk in ["a", "b", "c"] { digest.update(Data(chunk.utf8)) }
        // FIPS 180-2, example "abc".
        #expect(digest.hexDigest() == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256Digest().hexDigest() == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }
}
