import ChatDomain
import ChatStorage
import Foundation
import Testing

/// The `BlobStore` contract against a real S3 server (SeaweedFS from `scripts/services/seaweedfs.sh`).
/// The 12 MiB body goes through a three-part multipart upload (5 MiB parts).
@Suite(.enabled(if: S3TestEnvironment.isConfigured, "needs CHAT_TEST_S3_ENDPOINT (scripts/services/seaweedfs.sh)"))
struct S3BlobStoreContractTests {
    let store = S3BlobStore(configuration: S3TestEnvironment.configuration())

    @Test func smallBodyRoundTrips() async throws { try await BlobStoreContract.smallBodyRoundTrips(store) }
    @Test func multiChunkBodyRoundTrips() async throws { try await BlobStoreContract.multiChunkBodyRoundTrips(store) }
    @Test func bodyPastTheMultipartThresholdRoundTripsWithTheSameSHA256() async throws {
        try await BlobStoreContract.bodyPastTheMultipartThresholdRoundTrips(store, size: 12 * 1024 * 1024)
    }
    @Test func headReportsSizeAndTypeOrNil() async throws { try await BlobStoreContract.headReportsSizeAndTypeOrNil(store) }
    @Test func deleteIsIdempotent() async throws { try await BlobStoreContract.deleteIsIdempotent(store) }
    @Test func getOfMissingKeyThrowsNotFound() async throws { try await BlobStoreContract.getOfMissingKeyThrowsNotFound(store) }
    @Test func lengthMismatchIsRefusedAndStoresNothing() async throws {
        try await BlobStoreContract.lengthMismatchIsRefusedAndStoresNothing(store, largeSize: 12 * 1024 * 1024)
    }
    @Test func failingStreamStoresNothing() async throws { try await BlobStoreContract.failingStreamStoresNothing(store) }
    @Test func overwriteReplacesTheBlob() async throws { try await BlobStoreContract.overwriteReplacesTheBlob(store) }
    @Test func unsafeKeysAreRejected() async throws { try await BlobStoreContract.unsafeKeysAreRejected(store) }
    @Test func isReadyWhenTheBucketAnswers() async throws { try await BlobStoreContract.isReady(store) }
}
