import ChatServer
import Foundation
import HTTPTypes
import Hummingbird
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The S3 server of `scripts/services/seaweedfs.sh start DIR` (its `CHAT_TEST_S3_*` lines); absent, these skip.
enum FileS3Environment {
    static var isConfigured: Bool { ProcessInfo.processInfo.environment["CHAT_TEST_S3_ENDPOINT"] != nil }

    static var settings: AppConfiguration.S3Settings {
        let environment = ProcessInfo.processInfo.environment
        return AppConfiguration.S3Settings(
            endpoint: environment["CHAT_TEST_S3_ENDPOINT"] ?? "", accessKey: environment["CHAT_TEST_S3_ACCESS_KEY"] ?? "",
            secretKey: environment["CHAT_TEST_S3_SECRET_KEY"] ?? "", bucket: environment["CHAT_TEST_S3_BUCKET"] ?? "chat-test",
            region: environment["CHAT_TEST_S3_REGION"] ?? "us-east-1", useSSL: false)
    }
}

@Suite("Files on a real S3 server", .enabled(if: FileS3Environment.isConfigured))
struct FileS3Tests {
    /// The files by name and padding (the 12 MiB one goes to S3 in parts); bytes are built inside the test so
    /// the test's name in the output stays short.
    @Test(arguments: [("small.pdf", 0), ("big.pdf", 12 * 1024 * 1024)])
    func aDownloadRedirectsToAFreshPresignedURLThatServesTheBytes(name: String, padding: Int) async throws {
        let bytes = padding == 0 ? SampleFiles.pdf : Array("%PDF-1.7\n".utf8) + [UInt8](repeating: 0xA7, count: padding) + SampleFiles.pdf
        try await withServer(configure: { $0.storage = .s3(FileS3Environment.settings) }) { api in
            let alice = try await api.account("alice"), mallory = try await api.account("mallory")
            let ready = try await api.send(.get, "/ready")
            #expect(ready.status == .ok)
            #expect((ready.object["checks"] as? [String: String])?["storage"] == "ok")
            let id = try await api.uploadedFileID(bytes, fileName: name, token: alice.token)
            let redirect = try await api.raw(.get, "/files/\(id)", token: alice.token)
            #expect(redirect.status == .found)
            let location = try #require(redirect.headers[.location].flatMap(URL.init(string:)))
            #expect(location.absoluteString.contains("X-Amz-Expires=300"))
            let again = try await api.raw(.get, "/files/\(id)", token: alice.token)
            #expect(again.headers[.location] != nil)

            let (data, response) = try await URLSession.shared.data(from: location)
            #expect((response as? HTTPURLResponse)?.statusCode == 200)
            #expect((response as? HTTPURLResponse)?.value(forHTTPHeaderField: "Content-Type") == "application/pdf")
            // Named as the server's own download would name it.
            #expect(
                (response as? HTTPURLResponse)?.value(forHTTPHeaderField: "Content-Disposition")
                    == "attachment; filename=\"\(name)\"; filename*=UTF-8''\(name)")
            #expect(data.count == bytes.count)
            #expect(Array(data) == bytes)
            #expect(try await api.raw(.get, "/files/\(id)", token: mallory.token).status == .notFound)
        }
    }
}

@Suite("Files when storage is down")
struct StorageDownTests {
    @Test func anUnreachableStoreIsA503QuicklyAndLeavesNoMetadata() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("files-down-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let database = directory.appendingPathComponent("chat.sqlite").path
        let port = try closedPort()
        try await withServer(configure: {
            $0.database = .sqlite(path: database)
            $0.storage = .s3(.init(
                endpoint: "http://127.0.0.1:\(port)", accessKey: "key", secretKey: "secret", bucket: "nowhere",
                region: "us-east-1", useSSL: false))
        }) { api in
            let alice = try await api.account("alice")
            let started = ContinuousClock.now
            let upload = try await api.upload(SampleFiles.pdf, token: alice.token)
            #expect(ContinuousClock.now - started < .seconds(5))
            #expect(upload.status == .serviceUnavailable)
            #expect(upload.errorCode == "SERVICE_UNAVAILABLE")
            #expect(upload.json["error"].flatMap { $0 as? [String: Any] }?["message"] as? String == "file storage is unavailable")
            let ready = try await api.send(.get, "/ready")
            #expect(ready.status == .serviceUnavailable)
            #expect((ready.object["checks"] as? [String: String])?["storage"] == "unavailable")
        }
        #expect(try fileRowCount(databasePath: database) == 0)
    }
}

/// A TCP port on 127.0.0.1 that was just free and is closed now: connecting to it is refused.
func closedPort() throws -> Int {
    #if canImport(Glibc)
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    #else
        let fd = socket(AF_INET, SOCK_STREAM, 0)
    #endif
    guard fd >= 0 else { throw POSIXError(.EBADF) }
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = 0
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
    }
    guard bound else { throw POSIXError(.EADDRINUSE) }
    return Int(UInt16(bigEndian: address.sin_port))
}
