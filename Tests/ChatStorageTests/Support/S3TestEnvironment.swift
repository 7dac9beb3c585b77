import ChatStorage
import Foundation

/// The SeaweedFS (or other S3) server the S3 tests use, from the `CHAT_TEST_S3_*` variables that
/// `scripts/services/seaweedfs.sh start DIR` prints. Absent variables disable those tests.
enum S3TestEnvironment {
    static var isConfigured: Bool { ProcessInfo.processInfo.environment["CHAT_TEST_S3_ENDPOINT"] != nil }

    /// Small multipart parts (5 MiB, the S3 minimum) so a 12 MiB body takes three parts.
    static func configuration(secretKey: String? = nil) -> S3Configuration {
        let environment = ProcessInfo.processInfo.environment
        return S3Configuration(
            endpoint: URL(string: environment["CHAT_TEST_S3_ENDPOINT"] ?? "http://127.0.0.1:8333")!,
            region: environment["CHAT_TEST_S3_REGION"] ?? "us-east-1",
            bucket: environment["CHAT_TEST_S3_BUCKET"] ?? "chat-test",
            accessKeyID: environment["CHAT_TEST_S3_ACCESS_KEY"] ?? "",
            secretAccessKey: secretKey ?? environment["CHAT_TEST_S3_SECRET_KEY"] ?? "",
            requestTimeout: .seconds(10), transferTimeout: .seconds(60),
            multipartThreshold: 5 * 1024 * 1024, partSize: 5 * 1024 * 1024)
    }
}
