import Foundation

/// Applies a schema directory's migrations through a dialect's `MigrationDriver`, recording each in
/// `schema_migrations`, and tells which are pending without applying them.
public struct MigrationRunner: Sendable {
    /// The directory the `NNNN_name.sql` files are read from.
    public let directory: URL
    private let driver: any MigrationDriver

    /// A runner for the files of `directory`, applied through `driver`.
    public init(directory: URL, driver: any MigrationDriver) {
        self.directory = directory
        self.driver = driver
    }

    /// The migrations of the directory not yet recorded as applied, in version order. Applies nothing, but creates
    /// the empty `schema_migrations` table when absent. Throws `MigrationError` for a bad directory.
    public func pending() async throws -> [Migration] {
        let available = try MigrationDirectory.load(directory)
        try await driver.prepareMigrationTable()
        let applied = try await driver.appliedVersions()
        return available.filter { !applied.contains($0.version) }
    }

    /// Applies every pending migration in version order, each in its own transaction, and returns those this call
    /// applied (empty when up to date). Stops at the first failure and rethrows it: the failed migration leaves no
    /// trace, the ones before it stay applied.
    @discardableResult
    public func migrate(at date: Date = Date()) async throws -> [Migration] {
        var applied: [Migration] = []
        for migration in try await pending() {
            if try await driver.apply(migration, at: date) { applied.append(migration) }
        }
        return applied
    }
}
