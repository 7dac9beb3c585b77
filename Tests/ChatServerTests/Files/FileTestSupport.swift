import ChatServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// Small files of each family the server accepts, and one it must refuse.
enum SampleFiles {
    /// A real 1×1 PNG.
    static let png: [UInt8] = [
        0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00,
        0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4, 0x89, 0x00, 0x00, 0x00, 0x0D, 0x49,
        0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0xF8, 0xCF, 0xC0, 0xF0, 0x1F, 0x00, 0x05, 0x00, 0x01, 0xFF, 0x89, 0x99, 0x3D,
        0x1D, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
    ]
    /// A PDF header followed by binary bytes, including CR LF and `--` runs that look like a boundary start.
    static let pdf: [UInt8] = Array("%PDF-1.7\n%\u{E2}\u{E3}\n1 0 obj\r\n--\r\n-- <<>>\nendobj\n".utf8) + (0..<3000).map { UInt8($0 % 251) }
    static let text: [UInt8] = Array("hello, files\nпривет\n".utf8)
    /// An ELF executable header: no accepted type.
    static let elf: [UInt8] = [0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x01, 0x00] + [UInt8](repeating: 0, count: 120)
}

/// Builds `multipart/form-data` bodies the way browsers do.
enum Multipart {
    static let boundary = "----ChatTestBoundary7MA4YWxkTrZu0gW"
    static var contentType: String { "multipart/form-data; boundary=\(boundary)" }

    /// One file field (and optional text fields before it), closed by the final boundary.
    static func body(
        _ bytes: [UInt8], field: String = "file", fileName: String = "upload.bin", declaredType: String = "application/octet-stream",
        textFields: [(String, String)] = []
    ) -> ByteBuffer {
        var buffer = ByteBuffer()
        for (name, value) in textFields {
            buffer.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n")
        }
        buffer.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(field)\"; filename=\"\(fileName)\"\r\n")
        buffer.writeString("Content-Type: \(declaredType)\r\n\r\n")
        buffer.writeBytes(bytes)
        buffer.writeString("\r\n--\(boundary)--\r\n")
        return buffer
    }
}

/// A response with its body as raw bytes.
struct RawResponse {
    let status: HTTPResponse.Status
    let headers: HTTPFields
    let bytes: [UInt8]
    var json: [String: Any] { (try? JSONSerialization.jsonObject(with: Data(bytes))) as? [String: Any] ?? [:] }
    var errorCode: String? { (json["error"] as? [String: Any])?["code"] as? String }
}

extension API {
    /// Sends a multipart upload (or any `body` with `contentType`) to `path`.
    func upload(
        _ bytes: [UInt8], fileName: String = "upload.bin", declaredType: String = "application/octet-stream",
        token: String?, path: String = "/files/upload", method: HTTPRequest.Method = .post
    ) async throws -> RawResponse {
        try await raw(method, path, body: Multipart.body(bytes, fileName: fileName, declaredType: declaredType),
            contentType: Multipart.contentType, token: token)
    }

    /// Any request, answered with raw bytes.
    func raw(
        _ method: HTTPRequest.Method, _ path: String, body: ByteBuffer? = nil, contentType: String? = nil, token: String?
    ) async throws -> RawResponse {
        var headers: HTTPFields = [:]
        if let token { headers[.authorization] = "Bearer \(token)" }
        if let contentType { headers[.contentType] = contentType }
        let response = try await client.execute(uri: path, method: method, headers: headers, body: body)
        return RawResponse(status: response.status, headers: response.headers, bytes: Array(buffer: response.body))
    }

    /// Uploads `bytes` as `owner` and returns the new file's id, expecting 201.
    func uploadedFileID(_ bytes: [UInt8], fileName: String = "upload.bin", token: String) async throws -> String {
        let response = try await upload(bytes, fileName: fileName, token: token)
        #expect(response.status == .created, "upload: \(String(decoding: response.bytes, as: UTF8.self))")
        return try #require(response.json["id"] as? String)
    }
}

/// Number of rows in the `files` table of the SQLite database at `path`.
func fileRowCount(databasePath path: String) throws -> Int {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["sqlite3", path, "SELECT COUNT(*) FROM files;"]
    let output = Pipe()
    process.standardOutput = output
    try process.run()
    process.waitUntilExit()
    let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    return try #require(Int(text.trimmingCharacters(in: .whitespacesAndNewlines)), "sqlite3 said: \(text)")
}
