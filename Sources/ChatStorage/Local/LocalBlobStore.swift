import ChatDomain
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A `BlobStore` in a local directory: `<root>/<key>` holds the bytes, `<root>/.meta/<key>` the content type.
///
/// Writes go to `<root>/.partial/` (same file system) and are renamed into place, so a reader sees either the
/// old blob or the whole new one. Bodies are streamed to and from disk in chunks, never held whole in memory.
/// File I/O is blocking but bounded to one chunk per call.
public struct LocalBlobStore: BlobStore {
    /// Chunk size of `get` streams.
    public static let readChunkSize = 64 * 1024

    /// The store's directory, standardized; every blob and its metadata live under it.
    public let root: URL

    /// A store under `root`. The directory is created on the first write or `checkReady`.
    public init(root: URL) {
        self.root = root.standardizedFileURL
    }

    /// A store under the directory at `path` (for example `./data/files`).
    public init(rootPath: String) {
        self.init(root: URL(fileURLWithPath: rootPath, isDirectory: true))
    }

    /// Streams `chunks` to a temporary file and renames it to `key`. Throws `.badBody` (and stores nothing) when
    /// the stream fails or `length` is given and differs from the bytes received, `.rejected` for an invalid key,
    /// `.unavailable` when the disk write fails.
    public func put(
        key: String, contentType: String, length: Int64?, chunks: any AsyncSequence<Data, any Error> & Sendable
    ) async throws {
        try BlobKey.validate(key)
        let partial = try makePartialFile()
        do {
            let written = try await LocalFileWriter.write(chunks, to: partial, limit: length)
            if let length, written != length {
                throw BlobStoreError.badBody("expected \(length) bytes, received \(written)")
            }
            try writeContentType(contentType, for: key)
            try moveIntoPlace(partial, to: blobURL(key))
        } catch {
            try? FileManager.default.removeItem(at: partial)
            throw error
        }
    }

    /// Opens the blob and streams it in `readChunkSize` chunks. Throws `.notFound` when absent.
    public func get(key: String) async throws -> BlobContent {
        try BlobKey.validate(key)
        let handle: FileHandle
        do {
            handle = try FileHandle(forReadingFrom: blobURL(key))
        } catch {
            throw Self.isMissing(error) ? BlobStoreError.notFound(key: key) : BlobStoreError.unavailable("cannot open blob")
        }
        var status = stat()
        guard fstat(handle.fileDescriptor, &status) == 0 else {
            try? handle.close()
            throw BlobStoreError.unavailable("cannot stat blob")
        }
        let info = BlobInfo(size: Int64(status.st_size), contentType: readContentType(for: key))
        return BlobContent(info: info, chunks: LocalFileReader.chunks(of: handle, chunkSize: Self.readChunkSize))
    }

    /// Always nil: the server streams local blobs itself.
    public func presignedGetURL(key: String, expiresIn: Int, presentation: BlobPresentation? = nil) async throws -> URL? {
        try BlobKey.validate(key)
        return nil
    }

    /// Size and content type, or nil when absent.
    public func head(key: String) async throws -> BlobInfo? {
        try BlobKey.validate(key)
        var status = stat()
        guard stat(blobURL(key).path, &status) == 0 else {
            if errno == ENOENT || errno == ENOTDIR { return nil }
            throw BlobStoreError.unavailable("cannot stat blob")
        }
        return BlobInfo(size: Int64(status.st_size), contentType: readContentType(for: key))
    }

    /// Removes the blob and its content type. Idempotent.
    public func delete(key: String) async throws {
        try BlobKey.validate(key)
        for url in [blobURL(key), metaURL(key)] where unlink(url.path) != 0 && errno != ENOENT && errno != ENOTDIR {
            throw BlobStoreError.unavailable("cannot delete blob")
        }
    }

    /// Throws `.unavailable` unless a file can be created, written and removed under the root.
    public func checkReady() async throws {
        let probe = try makePartialFile()
        defer { try? FileManager.default.removeItem(at: probe) }
        do {
            let handle = try FileHandle(forWritingTo: probe)
            try handle.write(contentsOf: Data("ready".utf8))
            try handle.close()
        } catch {
            throw BlobStoreError.unavailable("blob directory is not writable")
        }
    }

    // MARK: - Layout

    func blobURL(_ key: String) -> URL { root.appendingPathComponent(key, isDirectory: false) }
    func metaURL(_ key: String) -> URL { root.appendingPathComponent(".meta/" + key, isDirectory: false) }

    private func makePartialFile() throws -> URL {
        let directory = root.appendingPathComponent(".partial", isDirectory: true)
        let url = directory.appendingPathComponent(UUID().uuidString, isDirectory: false)
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw BlobStoreError.unavailable("cannot create blob directory")
        }
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
            throw BlobStoreError.unavailable("cannot create a file in the blob directory")
        }
        return url
    }

    private func moveIntoPlace(_ source: URL, to destination: URL) throws {
        do {
            try FileManager.default.createDirectory(
                at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
        } catch {
            throw BlobStoreError.unavailable("cannot create blob directory")
        }
        // rename(2) replaces an existing blob atomically; FileManager.moveItem refuses to overwrite.
        guard rename(source.path, destination.path) == 0 else {
            throw BlobStoreError.unavailable("cannot move blob into place")
        }
    }

    private func writeContentType(_ contentType: String, for key: String) throws {
        let partial = try makePartialFile()
        do {
            try Data(contentType.utf8).write(to: partial)
            try moveIntoPlace(partial, to: metaURL(key))
        } catch {
            try? FileManager.default.removeItem(at: partial)
            throw error as? BlobStoreError ?? BlobStoreError.unavailable("cannot write blob metadata")
        }
    }

    private func readContentType(for key: String) -> String? {
        (try? Data(contentsOf: metaURL(key))).map { String(decoding: $0, as: UTF8.self) }
    }

    private static func isMissing(_ error: any Error) -> Bool {
        let error = error as NSError
        if error.domain == NSCocoaErrorDomain {
            return error.code == CocoaError.fileNoSuchFile.rawValue || error.code == CocoaError.fileReadNoSuchFile.rawValue
        }
        return error.domain == NSPOSIXErrorDomain && (error.code == Int(ENOENT) || error.code == Int(ENOTDIR))
    }
}
