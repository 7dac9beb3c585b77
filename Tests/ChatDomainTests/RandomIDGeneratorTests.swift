import ChatDomain
import Foundation
import Testing

@Suite("Random ids")
struct RandomIDGeneratorTests {
    @Test func idsAreVersion4WithTheRFCVariantAndNeverRepeat() {
        let generator = RandomIDGenerator()
        let ids = (0..<10_000).map { _ in generator.next() }
        #expect(Set(ids).count == ids.count)
        for id in ids {
            #expect(id.uuid.6 >> 4 == 4)
            #expect(id.uuid.8 >> 6 == 0b10)
            // The canonical text form that travels in JSON, with the version digit where RFC 9562 puts it.
            let text = id.uuidString
            #expect(text.count == 36 && text[text.index(text.startIndex, offsetBy: 14)] == "4")
        }
    }

    @Test func theRandomBitsAreNotStuck() {
        let generator = RandomIDGenerator()
        let ids = (0..<256).map { _ in generator.next() }
        // Every one of the 16 bytes takes more than one value across 256 ids (a stuck byte would mean a broken fill).
        for offset in 0..<16 {
            let values = Set(ids.map { id in withUnsafeBytes(of: id.uuid) { $0[offset] } })
            #expect(values.count > 1, "byte \(offset)")
        }
    }
}

@Suite("Identifier text")
struct IdentifierTextTests {
    @Test func theTextIsTheLowercaseCanonicalUUIDAndParsesBack() {
        let fixed = [
            UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)),
            UUID(uuid: (255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255)),
            UUID(uuidString: "0A1B2C3D-4E5F-6789-ABCD-EF0123456789")!,
        ]
        for uuid in fixed + (0..<1_000).map({ _ in UUID() }) {
            let id = ChatID(uuid)
            #expect(id.description == uuid.uuidString.lowercased())
            #expect(ChatID(id.description) == id)
        }
    }
}
