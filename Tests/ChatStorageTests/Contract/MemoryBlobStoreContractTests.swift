import ChatDomain
import ChatInMemory
import Foundation
import Testing

/// The `BlobStore` contract against `ChatInMemory`'s store.
@Suite struct MemoryBlobStoreContractTests {
    let store = MemoryBlobStore()

    @Test func smallBodyRoundTrips() async throws { try await BlobStoreContract.smallBodyRoundTrips(store) }
    @Test func multiChunkBodyRoundTrips() async throws { try await BlobStoreContract.multiChunkBodyRoundTrips(store) }
    @Test func largeBodyRoundTripsWithTheSameSHA256() async throws {
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
    @Test func isReady() async throws { try await BlobStoreContract.isReady(store) }
}
