import Foundation
import Testing

/// Schemathesis (from PyPI, installed by `scripts/test`) against the real `chat-server` binary on SQLite, with real
/// ids and tokens: every operation of `/openapi.json`, multipart uploads included, must answer without a server
/// error, with a documented status code and content type, and a body matching its schema. The driver is
/// `Python/schemathesis_run.py`; it runs once, on the SQLite pass of `scripts/test`.
@Suite(
    "Schemathesis against the live server",
    .enabled(if: ProcessInfo.processInfo.environment["CHAT_TEST_PYTHON"] != nil, "set CHAT_TEST_PYTHON to run"),
    .disabled(if: TestPostgresDatabase.isSelected, "the binary runs on SQLite; the SQLite pass covers it"))
struct SchemathesisTests {
    static let driver = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Python/schemathesis_run.py").path
    /// `chat-server`, built beside this test binary by `swift build --build-tests`.
    static let server = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        .appendingPathComponent("chat-server").path

    @Test func everyOperationConformsWithNoServerError() async throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.server), "no \(Self.server): run swift build --build-tests")
        let result = try await runPython(Self.driver, Self.server, "20")
        #expect(result.status == 0, "Schemathesis failed:\n\(result.output)")
        #expect(result.output.contains("schemathesis passed"))
    }
}
