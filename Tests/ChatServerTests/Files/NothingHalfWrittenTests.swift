import Foundation
import Testing

@Suite("Refused uploads leave nothing behind")
struct NothingHalfWrittenTests {
    @Test func aLimitTrippedMidStreamLeavesNoRowAndNoBlob() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("files-refused-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let database = directory.appendingPathComponent("chat.sqlite").path
        let blobs = directory.appendingPathComponent("blobs")
        try await withServer(configure: {
            $0.database = .sqlite(path: database)
            $0.storage = .local(directory: blobs.path)
            $0.maxUploadBytes = 4096
        }) { api in
            let alice = try await api.account("alice")
            let tooBig = try await api.upload(SampleFiles.pdf + [UInt8](repeating: 0x20, count: 9000), token: alice.token)
            #expect(tooBig.status == .contentTooLarge)
            let unknown = try await api.upload(SampleFiles.elf, token: alice.token)
            #expect(unknown.status == .unsupportedMediaType)
            let kept = try await api.upload(SampleFiles.png, token: alice.token)
            #expect(kept.status == .created)
        }
        #expect(try fileRowCount(databasePath: database) == 1)
        let stored = FileManager.default.enumerator(at: blobs, includingPropertiesForKeys: [.isRegularFileKey])?
            .compactMap { $0 as? URL }
            .filter { (try? $0.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true }
            .filter { !$0.path.contains("/.meta/") } ?? []
        #expect(stored.count == 1, "blobs on disk: \(stored.map(\.lastPathComponent))")
    }
}
