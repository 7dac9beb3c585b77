import Foundation

/// Deletes the files nothing refers to any more (uploaded but never sent, a replaced avatar, the attachments of a
/// deleted chat) once they are older than a time to live: the metadata row first, then the blob.
///
/// The row goes first, and only when nothing refers to the file at that instant
/// (`FileRepository.deleteIfUnreferenced`); the blob is deleted only once that succeeded. The other order could
/// delete the bytes of a file a message attached meanwhile, leaving a message whose file is broken; this one at
/// worst, when the store fails, leaves bytes that no row names: space, but nothing any user sees. Several nodes
/// may run it at once: each row is deleted by one of them, and only that one deletes the blob.
public struct DeleteOrphanFiles: Sendable {
    /// What one run did.
    public struct Report: Sendable, Equatable {
        /// Files whose row and blob are gone.
        public var deleted = 0
        /// Files found unreferenced that were attached, or deleted elsewhere, before their turn: left alone.
        public var kept = 0
        /// Files whose row is gone but whose blob the store did not delete.
        public var blobFailures: [BlobFailure] = []

        /// An empty report: nothing deleted, kept or failed.
        public init() {}
    }

    /// A file whose row was deleted while its blob could not be.
    public struct BlobFailure: Sendable, Equatable {
        /// The file whose row was deleted.
        public var file: FileID
        /// The storage key whose blob is left behind.
        public var key: String
        /// The store's error, for the log.
        public var reason: String

        /// A failure from its fields.
        public init(file: FileID, key: String, reason: String) {
            self.file = file
            self.key = key
            self.reason = reason
        }
    }

    /// A run that the file repository failed; `report` says what was done before.
    public struct Interrupted: Error {
        /// What the run did before it stopped.
        public var report: Report
        /// The file repository's error that stopped it.
        public var cause: any Error
    }

    let files: any FileRepository
    let blobs: any BlobStore
    let clock: any Clock
    /// Files looked at per repository call.
    let window: Int

    /// Deletes through `files` and `blobs`; ages are measured on `clock`. Each repository call looks at
    /// `window` files at most.
    public init(files: any FileRepository, blobs: any BlobStore, clock: any Clock, window: Int = 500) {
        self.files = files
        self.blobs = blobs
        self.clock = clock
        self.window = max(1, window)
    }

    /// Deletes every file created more than `age` ago that nothing refers to, row then blob. Returns what it did;
    /// stops between two files when the task is cancelled (each file's row and blob are dealt with together, to
    /// the end, even then). A store failure is not an error: it is reported in `blobFailures`. Throws
    /// `Interrupted` when the file repository fails.
    public func callAsFunction(olderThan age: Duration) async throws -> Report {
        let seconds = Double(age.components.seconds) + Double(age.components.attoseconds) / 1e18
        let cutoff = clock.now().addingTimeInterval(-seconds)
        var report = Report()
        var cursor: FileID?
        do {
            repeat {
                let page = try await files.unreferencedFiles(createdBefore: cutoff, after: cursor, window: window)
                for file in page.files {
                    if Task.isCancelled { return report }
                    // Not cancelled with the caller: a row deleted and its blob kept because a shutdown came in
                    // between would leave bytes behind for nothing.
                    let outcome = try await Task { try await delete(file, cutoff: cutoff) }.value
                    switch outcome {
                    case .deleted: report.deleted += 1
                    case .kept: report.kept += 1
                    case .blobKept(let failure): report.blobFailures.append(failure)
                    }
                }
                cursor = page.next
            } while cursor != nil && !Task.isCancelled
        } catch is CancellationError {
            return report
        } catch {
            throw Interrupted(report: report, cause: error)
        }
        return report
    }

    private enum Outcome: Sendable {
        case deleted
        case kept
        case blobKept(BlobFailure)
    }

    private func delete(_ file: StoredFile, cutoff: Date) async throws -> Outcome {
        // Row first, blob after: only the row's conditional delete can tell whether a message attached the file
        // meanwhile. Had the blob gone first, such a message would carry a file whose bytes are lost; this way a
        // failing store costs unreachable bytes, never a broken attachment.
        guard try await files.deleteIfUnreferenced(id: file.id, createdBefore: cutoff) else { return .kept }
        do {
            try await blobs.delete(key: file.key)
            return .deleted
        } catch {
            return .blobKept(BlobFailure(file: file.id, key: file.key, reason: String(describing: error)))
        }
    }
}
