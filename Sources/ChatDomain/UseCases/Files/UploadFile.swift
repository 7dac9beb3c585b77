import Foundation

/// One file arriving: who sends it, the name the client gave, and its bytes, read once, front to back.
public struct FileUpload: Sendable {
    /// The uploader, who owns the stored file.
    public var owner: UserID
    /// The client's file name, unsanitized.
    public var fileName: String
    /// The bytes as they arrive; iterated once, front to back.
    public var chunks: any AsyncSequence<Data, any Error> & Sendable

    /// An upload of `chunks` (iterated once) by `owner`, named `fileName` by the client.
    public init(owner: UserID, fileName: String, chunks: any AsyncSequence<Data, any Error> & Sendable) {
        self.owner = owner
        self.fileName = fileName
        self.chunks = chunks
    }
}

/// Stores an uploaded file: detects its type from its first bytes, streams it to the blob store under a key the
/// server makes up, hashing and counting as the bytes pass, and only then records its metadata.
///
/// Nothing half-written stays referenced: when the limit trips, the body fails or the store refuses, no
/// metadata row is written and the blob is deleted (best effort) if the store kept it.
public struct UploadFile: Sendable {
    let files: any FileRepository
    let blobs: any BlobStore
    let inspector: any FileInspector
    let clock: any Clock
    let ids: any IDGenerator
    /// Largest accepted file, in bytes.
    public let maximumBytes: Int64

    /// Wires the use case; files longer than `maximumBytes` are refused. Makes no request.
    public init(
        files: any FileRepository, blobs: any BlobStore, inspector: any FileInspector, maximumBytes: Int64,
        clock: any Clock, ids: any IDGenerator
    ) {
        self.files = files
        self.blobs = blobs
        self.inspector = inspector
        self.maximumBytes = maximumBytes
        self.clock = clock
        self.ids = ids
    }

    /// The stored file's metadata. `only`, when given, restricts the accepted kinds (avatars: images).
    /// Throws `FileUploadError.tooLarge` past `maximumBytes` (checked as bytes arrive),
    /// `FileUploadError.unsupportedType` for an unknown or unaccepted type (nothing is sent to the store),
    /// `DomainError.invalid` for an empty file, `DomainError.unavailable` when storage is down or refuses,
    /// and the source's own error when the request body fails.
    public func callAsFunction(_ upload: FileUpload, only: Set<StoredFile.Kind>? = nil) async throws -> StoredFile {
        let meter = UploadMeter(source: upload.chunks, limit: maximumBytes, digest: inspector.makeDigest())
        let sample = try await meter.readSample(inspector.sampleSize)
        guard !sample.isEmpty else { throw DomainError.invalid(field: "file", reason: "must not be empty") }
        guard let detected = inspector.detect(sample) else {
            throw FileUploadError.unsupportedType(accepted: "an image, audio, video, PDF or plain text file")
        }
        if let only, !only.contains(detected.kind) {
            throw FileUploadError.unsupportedType(accepted: only.map(\.rawValue).sorted().joined(separator: " or "))
        }
        let id = FileID(ids.next())
        let now = clock.now()
        let key = Self.key(for: id, at: now)
        do {
            try await blobs.put(key: key, contentType: detected.mimeType, length: nil, chunks: meter.chunks)
        } catch {
            throw Self.cause(of: error, meter: meter)
        }
        let file = StoredFile(
            id: id, ownerID: upload.owner, key: key, originalName: inspector.sanitize(name: upload.fileName),
            mimeType: detected.mimeType, size: meter.size, sha256: meter.sha256, kind: detected.kind, createdAt: now)
        do {
            guard meter.isComplete else { throw DomainError.unavailable("storage did not take the whole file") }
            try await files.create(file)
        } catch {
            try? await blobs.delete(key: key)
            throw error
        }
        return file
    }

    /// `files/<yyyy>/<mm>/<uuid>`: made by the server, never from the client's name.
    static func key(for id: FileID, at date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month], from: date)
        let month = parts.month ?? 1
        return "files/\(parts.year ?? 1970)/\(month < 10 ? "0" : "")\(month)/\(id)"
    }

    /// What a failed `put` means for the client: the meter knows a too-large file or a broken request body;
    /// anything else is the store's fault.
    static func cause(of error: any Error, meter: UploadMeter) -> any Error {
        switch meter.failure {
        case .tooLarge: return FileUploadError.tooLarge(limit: meter.limit)
        case .source(let source): return source
        case nil: return StorageFailure.domainError(for: error)
        }
    }
}
