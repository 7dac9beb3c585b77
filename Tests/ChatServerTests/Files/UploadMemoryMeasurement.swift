import Foundation
import Testing

/// Streams a 200 MB file through the live server and back with `curl` (another process, so its buffers do not
/// count) and reports this process's resident memory. Run alone: `CHAT_TEST_MEASURE_MEMORY=1 swift test
/// --skip-build --filter UploadMemoryMeasurement`.
@Suite("Upload memory (measurement)", .enabled(if: ProcessInfo.processInfo.environment["CHAT_TEST_MEASURE_MEMORY"] == "1"))
struct UploadMemoryMeasurement {
    static let fileBytes = 200 * 1024 * 1024

    @Test func a200MBUploadAndDownloadKeepResidentMemoryFlat() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("files-rss-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let bodyPath = directory.appendingPathComponent("body").path
        try writeMultipartBody(to: bodyPath)

        try await withServer(configure: { $0.maxUploadBytes = 300 * 1024 * 1024 }) { api in
            let alice = try await api.account("alice")
            let port = try #require(api.client.port)
            let before = memory()
            let started = ContinuousClock.now
            let upload = try await curl([
                "-sS", "-X", "POST", "-T", bodyPath, "-H", "Expect:", "-H", "Authorization: Bearer \(alice.token)",
                "-H", "Content-Type: \(Multipart.contentType)", "-o", directory.appendingPathComponent("reply").path,
                "-w", "%{http_code}", "http://127.0.0.1:\(port)/files/upload",
            ])
            let uploadTime = ContinuousClock.now - started
            let afterUpload = memory()
            #expect(upload == "201")
            let reply = try JSONSerialization.jsonObject(with: Data(contentsOf: directory.appendingPathComponent("reply"))) as? [String: Any]
            #expect(reply?["size"] as? Int == Self.fileBytes)
            let id = try #require(reply?["id"] as? String)
            let download = try await curl([
                "-sS", "-H", "Authorization: Bearer \(alice.token)", "-o", "/dev/null", "-w", "%{http_code} %{size_download}",
                "http://127.0.0.1:\(port)/files/\(id)",
            ])
            let afterDownload = memory()
            #expect(download == "200 \(Self.fileBytes)")
            print("MEASURE rss before: \(before), after upload (\(uploadTime)): \(afterUpload), after download: \(afterDownload)")
            #expect(afterDownload.peakKiB - before.peakKiB < 100 * 1024, "peak RSS grew by more than 100 MiB")
        }
    }

    /// One `file` part of `fileBytes` bytes (a PDF header, then a byte pattern), written 1 MiB at a time.
    func writeMultipartBody(to path: String) throws {
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        try handle.write(contentsOf: Data(("--\(Multipart.boundary)\r\nContent-Disposition: form-data; name=\"file\"; "
            + "filename=\"big.pdf\"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.7\n").utf8))
        var written = 9
        let block = Data((0..<(1024 * 1024)).map { UInt8(truncatingIfNeeded: $0 &* 7 >> 2) })
        while written < Self.fileBytes {
            let count = min(block.count, Self.fileBytes - written)
            try handle.write(contentsOf: block.prefix(count))
            written += count
        }
        try handle.write(contentsOf: Data("\r\n--\(Multipart.boundary)--\r\n".utf8))
    }

    /// `VmRSS` and `VmHWM` (peak) of this process, KiB, from /proc/self/status.
    func memory() -> (rssKiB: Int, peakKiB: Int) {
        let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
        func value(_ key: String) -> Int {
            let line = status.split(separator: "\n").first { $0.hasPrefix(key + ":") } ?? ""
            return Int(line.split(separator: " ").dropFirst().first ?? "") ?? -1
        }
        return (value("VmRSS"), value("VmHWM"))
    }

    /// Runs curl without blocking a thread; returns what it printed.
    func curl(_ arguments: [String]) async throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["curl"] + arguments
        let output = Pipe()
        process.standardOutput = output
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            process.terminationHandler = { _ in continuation.resume() }
            do { try process.run() } catch { continuation.resume() }
        }
        return String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    }
}
