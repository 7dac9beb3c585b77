import ChatDomain
import ChatTestSupport
import Foundation
import Logging
import ServiceLifecycle
import Synchronization
import Testing

@testable import ChatServer

@Suite("The file clean-up service")
struct FileCleanupServiceTests {
    /// A database that fails every other listing and a store that fails every delete: the service logs both and
    /// keeps running until graceful shutdown, which it then obeys at once.
    @Test func failuresAreLoggedAndTheServiceRunsOnUntilShutdown() async throws {
        let log = RecordedLog()
        var configuration = AppConfiguration(jwtSecret: "unused-secret-0123456789-0123456789")
        configuration.fileOrphanTTL = .seconds(60)
        configuration.fileCleanupInterval = .milliseconds(20)
        let files = FlakyFileRepository()
        let service = FileCleanupService(
            configuration, files: files, blobs: BrokenBlobStore(),
            logger: Logger(label: "cleanup-test") { _ in RecordingLogHandler(log: log) })
        let group = ServiceGroup(configuration: .init(services: [service], logger: Logger(label: "group")))

        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            #expect(await eventually(timeout: .seconds(10)) { await files.listings >= 6 })
            let stopping = ContinuousClock.now
            await group.triggerGracefulShutdown()
            try await tasks.next()
            #expect(ContinuousClock.now - stopping < .seconds(2))
        }
        let entries = log.entries
        #expect(entries.contains { $0.level == .error && $0.message.contains("the database failed") })
        #expect(entries.contains { $0.level == .warning && $0.message.contains("blob was not") && $0.metadata.contains("files/k") })
        #expect(entries.contains { $0.level == .info && $0.message.contains("deleted 0 unreferenced files") && $0.metadata.contains("blobFailures: 1") })
    }

    @Test func theIntervalIsTheTTLAtMostAnHour() {
        var configuration = AppConfiguration(jwtSecret: "unused-secret-0123456789-0123456789")
        let files = FlakyFileRepository(), blobs = BrokenBlobStore(), logger = Logger(label: "test")
        #expect(FileCleanupService(configuration, files: files, blobs: blobs, logger: logger).interval == .seconds(3600))
        configuration.fileOrphanTTL = .seconds(900)
        #expect(FileCleanupService(configuration, files: files, blobs: blobs, logger: logger).interval == .seconds(900))
        configuration.fileCleanupInterval = .seconds(5)
        #expect(FileCleanupService(configuration, files: files, blobs: blobs, logger: logger).interval == .seconds(5))
    }
}

/// Lists one old orphan on even calls and fails on odd ones; every deletion of a row succeeds.
private actor FlakyFileRepository: FileRepository {
    private(set) var listings = 0

    func create(_ file: StoredFile) async throws {}
    func find(id: FileID) async throws -> StoredFile? { nil }
    func isShared(file: FileID, with user: UserID) async throws -> Bool { false }
    func isAvatar(file: FileID) async throws -> Bool { false }

    func unreferencedFiles(createdBefore cutoff: Date, after cursor: FileID?, window: Int) async throws
        -> (files: [StoredFile], next: FileID?)
    {
        listings += 1
        guard listings % 2 == 0 else { throw DomainError.unavailable("database unavailable") }
        let file = StoredFile(
            id: FileID(UUID()), ownerID: UserID(UUID()), key: "files/k", originalName: "a", mimeType: "text/plain",
            size: 1, sha256: "ab", kind: .file, createdAt: cutoff.addingTimeInterval(-1))
        return ([file], nil)
    }

    func deleteIfUnreferenced(id: FileID, createdBefore cutoff: Date) async throws -> Bool { true }
}

/// A store whose deletes always fail as an unreachable one does.
private struct BrokenBlobStore: BlobStore {
    func put(
        key: String, contentType: String, length: Int64?, chunks: any AsyncSequence<Data, any Error> & Sendable
    ) async throws { throw BlobStoreError.unavailable("down") }
    func get(key: String) async throws -> BlobContent { throw BlobStoreError.unavailable("down") }
    func presignedGetURL(key: String, expiresIn: Int, presentation: BlobPresentation?) async throws -> URL? { nil }
    func head(key: String) async throws -> BlobInfo? { nil }
    func delete(key: String) async throws { throw BlobStoreError.unavailable("down") }
    func checkReady() async throws { throw BlobStoreError.unavailable("down") }
}

/// Log entries kept in memory, message and metadata as text.
final class RecordedLog: Sendable {
    struct Entry: Sendable {
        let level: Logger.Level
        let message: String
        let metadata: String
    }

    private let stored = Mutex<[Entry]>([])

    var entries: [Entry] { stored.withLock { $0 } }

    func append(_ entry: Entry) { stored.withLock { $0.append(entry) } }
}

/// A `LogHandler` writing into a `RecordedLog`.
struct RecordingLogHandler: LogHandler {
    let log: RecordedLog
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let merged = metadata.merging(event.metadata ?? [:]) { $1 }
        let text = merged.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", ")
        log.append(RecordedLog.Entry(level: event.level, message: event.message.description, metadata: text))
    }
}
