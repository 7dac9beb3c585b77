import ChatDomain
import ChatInMemory
import ChatStorage
import Foundation
import Testing

/// The stores the `BlobStore` contract runs against: a local directory, `ChatInMemory`'s store, and a real S3
/// server (SeaweedFS from `scripts/services/seaweedfs.sh`) when `CHAT_TEST_S3_ENDPOINT` is set. On S3 the 12 MiB
/// body goes through a three-part multipart upload (5 MiB parts).
enum BlobStoreUnderTest: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case local, memory, s3

    /// Every store this run can reach.
    static let available = allCases.filter { $0 != .s3 || S3TestEnvironment.isConfigured }

    var testDescription: String { rawValue }

    /// Runs `body` on a new store of this kind, and removes what it kept on disk afterwards.
    func with(_ body: (any BlobStore) async throws -> Void) async throws {
        switch self {
        case .local:
            let root = TemporaryDirectory.make()
            defer { try? FileManager.default.removeItem(at: root) }
            try await body(LocalBlobStore(root: root))
        case .memory:
            try await body(MemoryBlobStore())
        case .s3:
            try await body(S3BlobStore(configuration: S3TestEnvironment.configuration()))
        }
    }
}

@Suite("BlobStore contract")
struct BlobStoreContractTests {
    @Test(arguments: BlobStoreUnderTest.available)
    func smallBodyRoundTrips(_ kind: BlobStoreUnderTest) async throws {
        try await kind.with { try await BlobStoreContract.smallBodyRoundTrips($0) }
    }

    @Test(arguments: BlobStoreUnderTest.available)
    func multiChunkBodyRoundTrips(_ kind: BlobStoreUnderTest) async throws {
        try await kind.with { try await BlobStoreContract.multiChunkBodyRoundTrips($0) }
    }

    @Test(arguments: BlobStoreUnderTest.available)
    func bodyPastTheMultipartThresholdRoundTripsWithTheSameSHA256(_ kind: BlobStoreUnderTest) async throws {
        try await kind.with { try await BlobStoreContract.bodyPastTheMultipartThresholdRoundTrips($0, size: 12 * 1024 * 1024) }
    }

    @Test(arguments: BlobStoreUnderTest.available)
    func headReportsSizeAndTypeOrNil(_ kind: BlobStoreUnderTest) async throws {
        try await kind.with { try await BlobStoreContract.headReportsSizeAndTypeOrNil($0) }
    }

    @Test(arguments: BlobStoreUnderTest.available)
    func deleteIsIdempotent(_ kind: BlobStoreUnderTest) async throws {
        try await kind.with { try await BlobStoreContract.deleteIsIdempotent($0) }
    }

    @Test(arguments: BlobStoreUnderTest.available)
    func getOfMissingKeyThrowsNotFound(_ kind: BlobStoreUnderTest) async throws {
        try await kind.with { try await BlobStoreContract.getOfMissingKeyThrowsNotFound($0) }
    }

    @Test(arguments: BlobStoreUnderTest.available)
    func lengthMismatchIsRefusedAndStoresNothing(_ kind: BlobStoreUnderTest) async throws {
        try await kind.with { try await BlobStoreContract.lengthMismatchIsRefusedAndStoresNothing($0, largeSize: 12 * 1024 * 1024) }
    }

    @Test(arguments: BlobStoreUnderTest.available)
    func failingStreamStoresNothing(_ kind: BlobStoreUnderTest) async throws {
        try await kind.with { try await BlobStoreContract.failingStreamStoresNothing($0) }
    }

    @Test(arguments: BlobStoreUnderTest.available)
    func overwriteReplacesTheBlob(_ kind: BlobStoreUnderTest) async throws {
        try await kind.with { try await BlobStoreContract.overwriteReplacesTheBlob($0) }
    }

    @Test(arguments: BlobStoreUnderTest.available)
    func unsafeKeysAreRejected(_ kind: BlobStoreUnderTest) async throws {
        try await kind.with { try await BlobStoreContract.unsafeKeysAreRejected($0) }
    }

    @Test(arguments: BlobStoreUnderTest.available)
    func isReady(_ kind: BlobStoreUnderTest) async throws {
        try await kind.with { try await BlobStoreContract.isReady($0) }
    }
}
