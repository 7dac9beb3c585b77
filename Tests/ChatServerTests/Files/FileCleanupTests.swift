import ChatServer
import ChatTestSupport
import Foundation
import HTTPTypes
import Synchronization
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The orphan clean-up on the live server, with a time to live of seconds: what nothing refers to goes (row and
/// blob), the rest stays.
@Suite("Unreferenced files are cleaned up")
struct FileCleanupTests {
    /// The stores the test runs on: the local directory always, S3 when `scripts/test` started one.
    enum Store: String, CaseIterable, CustomTestStringConvertible {
        case local, s3
        var testDescription: String { rawValue }
        static var available: [Store] { FileS3Environment.isConfigured ? [.local, .s3] : [.local] }
    }

    static let ttl = Duration.seconds(3)

    @Test(arguments: Store.available)
    func unreferencedAndReplacedFilesGoAfterTheTTLAndReferencedOnesStay(_ store: Store) async throws {
        let blobDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("cleanup-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: blobDirectory) }
        let database = Mutex<AppConfiguration.Database?>(nil)
        try await withServer(configure: { configuration in
            configuration.fileOrphanTTL = Self.ttl
            configuration.fileCleanupInterval = .milliseconds(200)
            configuration.storage = store == .s3 ? .s3(FileS3Environment.settings) : .local(directory: blobDirectory.path)
            database.withLock { $0 = configuration.database }
        }) { api in
            let alice = try await api.account("alice"), bob = try await api.account("bob")
            let team = try await api.send(.post, "/chats", json: ["name": "Team", "participantIds": [bob.id]], token: alice.token)
            let teamID = try #require(team.object["id"] as? String)
            let doomed = try await api.send(.post, "/chats", json: ["name": "Doomed", "participantIds": [bob.id]], token: alice.token)
            let doomedID = try #require(doomed.object["id"] as? String)

            let unsent = try await api.uploadedFileID(SampleFiles.pdf, fileName: "unsent.pdf", token: alice.token)
            // Young: untouched, however often the clean-up runs.
            #expect(try await api.raw(.get, "/files/\(unsent)", token: alice.token).status != .notFound)
            let attached = try await api.uploadedFileID(SampleFiles.pdf, fileName: "sent.pdf", token: alice.token)
            let sent = try await api.send(
                .post, "/chats/\(teamID)/messages", json: ["content": "see", "fileId": attached], token: alice.token)
            #expect(sent.status == .created)
            let inDeletedChat = try await api.uploadedFileID(SampleFiles.text, fileName: "gone.txt", token: alice.token)
            let lost = try await api.send(
                .post, "/chats/\(doomedID)/messages", json: ["content": "bye", "fileId": inDeletedChat], token: alice.token)
            #expect(lost.status == .created)
            #expect(try await api.send(.delete, "/chats/\(doomedID)", token: alice.token).status.code < 300)
            let replacedAvatar = try await avatar(of: "/users/me/avatar", api, alice.token)
            let currentAvatar = try await avatar(of: "/users/me/avatar", api, alice.token)
            let chatAvatar = try await avatar(of: "/chats/\(teamID)/avatar", api, alice.token)
            #expect(replacedAvatar != currentAvatar)

            let gone = [unsent, inDeletedChat, replacedAvatar], kept = [attached, currentAvatar, chatAvatar]
            // Where the bytes are, before the rows go: presigned URLs on S3 (valid 300 s).
            var presigned: [String: URL] = [:]
            if store == .s3 {
                for id in gone + kept {
                    let redirect = try await api.raw(.get, "/files/\(id)", token: alice.token)
                    let location = try #require(redirect.headers[.location])
                    presigned[id] = try #require(URL(string: location))
                }
            }

            let cleaned = await eventually(timeout: .seconds(30)) {
                for id in gone {
                    let answer = try? await api.raw(.get, "/files/\(id)", token: alice.token)
                    if answer?.status != .notFound { return false }
                }
                return true
            }
            #expect(cleaned, "the unreferenced files are still served")
            // A few more runs over files well past the TTL.
            try await Task.sleep(for: .seconds(1))
            for id in kept {
                let answer = try await api.raw(.get, "/files/\(id)", token: alice.token)
                #expect(answer.status == (store == .s3 ? .found : .ok), "kept file \(id)")
            }
            #expect(try await api.raw(.get, "/files/\(attached)", token: bob.token).status != .notFound)
            #expect(try await api.raw(.get, "/files/\(currentAvatar)", token: bob.token).status != .notFound)

            let server = try #require(database.withLock { $0 })
            #expect(try await fileRows(in: server) == kept.count)
            switch store {
            case .local:
                #expect(try storedBlobs(under: blobDirectory).count == kept.count)
            case .s3:
                for id in gone { #expect(try await status(of: presigned[id]) == 404, "blob of \(id)") }
                for id in kept { #expect(try await status(of: presigned[id]) == 200, "blob of \(id)") }
            }
        }
    }

    /// Sets an image as the avatar at `path` and returns its file id (from `avatarUrl`).
    private func avatar(of path: String, _ api: API, _ token: String) async throws -> String {
        let answer = try await api.upload(SampleFiles.png, fileName: "me.png", token: token, path: path, method: .patch)
        #expect(answer.status == .ok, "\(path): \(String(decoding: answer.bytes, as: UTF8.self))")
        let url = try #require(answer.json["avatarUrl"] as? String)
        return String(url.dropFirst("/files/".count))
    }

    /// The HTTP status of a plain GET of `url`.
    private func status(of url: URL?) async throws -> Int? {
        let (_, response) = try await URLSession.shared.data(from: try #require(url))
        return (response as? HTTPURLResponse)?.statusCode
    }
}

/// The blobs a `LocalBlobStore` rooted at `directory` holds: regular files outside its hidden `.meta` and
/// `.partial` directories.
func storedBlobs(under directory: URL) throws -> [String] {
    guard let walker = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: [.isRegularFileKey])
    else { return [] }
    var found: [String] = []
    for case let url as URL in walker {
        let relative = url.path.dropFirst(directory.path.count)
        guard !relative.split(separator: "/").contains(where: { $0.hasPrefix(".") }) else { continue }
        if try url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile == true { found.append(String(relative)) }
    }
    return found
}

/// Rows in the `files` table of the server's database (SQLite file or PostgreSQL).
func fileRows(in database: AppConfiguration.Database) async throws -> Int {
    switch database {
    case .sqlite(let path):
        return try fileRowCount(databasePath: path)
    case .postgres(let url):
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["psql", url, "-v", "ON_ERROR_STOP=1", "-tAc", "SELECT count(*) FROM files"]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return try #require(Int(text), "psql said: \(text)")
    }
}
