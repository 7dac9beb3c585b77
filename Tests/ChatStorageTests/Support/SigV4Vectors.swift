import Foundation

/// Where AWS's Signature V4 test vectors live: `$CHAT_SIGV4_VECTORS`, else `Tests/ChatStorageTests/Vectors/sigv4`
/// (AWS's data files, Apache-2.0, with their LICENSE and NOTICE; see its README.txt), so a clone has all it needs.
enum SigV4Vectors {
    static let directory: URL = {
        if let path = ProcessInfo.processInfo.environment["CHAT_SIGV4_VECTORS"], !path.isEmpty {
            return URL(fileURLWithPath: path, isDirectory: true)
        }
        return URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()  // Support
            .deletingLastPathComponent()  // ChatStorageTests
            .appendingPathComponent("Vectors/sigv4", isDirectory: true)
    }()

    /// Case folder names of the newer suite (`aws-c-auth-v4/`), sorted.
    static var signingSuiteCases: [String] {
        subdirectories(of: directory.appendingPathComponent("aws-c-auth-v4"))
    }

    /// Case folders of the classic suite (`aws4_testsuite/`), relative paths such as `normalize-path/get-slash`.
    /// All 34, including the four botocore skips (a raw space in the request line, repeated query keys).
    static var classicSuiteCases: [String] {
        let root = directory.appendingPathComponent("aws4_testsuite")
        var cases: [String] = []
        for name in subdirectories(of: root) {
            let folder = root.appendingPathComponent(name)
            if FileManager.default.fileExists(atPath: folder.appendingPathComponent("\(name).req").path) {
                cases.append(name)
            } else {
                cases += subdirectories(of: folder).map { "\(name)/\($0)" }
            }
        }
        return cases
    }

    static func read(_ relativePath: String) throws -> String {
        try String(contentsOf: directory.appendingPathComponent(relativePath), encoding: .utf8)
    }

    private static func subdirectories(of url: URL) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
        return names.filter { name in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: url.appendingPathComponent(name).path, isDirectory: &isDirectory)
                && isDirectory.boolValue
        }.sorted()
    }
}
