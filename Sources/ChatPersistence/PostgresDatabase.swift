import ChatDomain
import Foundation
import Logging
import PostgresNIO
import ServiceLifecycle

/// A pool of connections to one PostgreSQL database, shared by every `Postgres…Repository`.
///
/// It is a ServiceLifecycle `Service`: `run()` must be running (in the server's `ServiceGroup`, or in a task)
/// for any query to get a connection; cancelling it, or a graceful shutdown, closes the pool.
/// Every repository call fails with `DomainError.unavailable("database unavailable")` within about
/// `acquireTimeout` when no connection can be had (server down, unreachable, pool exhausted), and the same
/// instance recovers by itself once the server is back: it never needs to be recreated.
public final class PostgresDatabase: Service, Sendable {
    /// How the pool connects and how long callers wait; every value has a safe default.
    public struct Options: Sendable {
        /// Longest time to open one TCP connection.
        public var connectTimeout: Duration
        /// Longest time a call waits for a connection before failing with `DomainError.unavailable`.
        public var acquireTimeout: Duration
        /// Most connections opened to the server at once.
        public var maximumConnections: Int
        /// Connections kept open when idle.
        public var minimumConnections: Int
        /// Longest time the server runs one statement before cancelling it (PostgreSQL's `statement_timeout`);
        /// the call then fails with `DomainError.unavailable`. `nil` leaves the server's setting (for migrations).
        public var statementTimeout: Duration?

        /// Options that fail fast: 3 s to connect, 5 s to get a connection, 30 s per statement, at most 20
        /// connections.
        public init(
            connectTimeout: Duration = .seconds(3), acquireTimeout: Duration = .seconds(5),
            maximumConnections: Int = 20, minimumConnections: Int = 0, statementTimeout: Duration? = .seconds(30)
        ) {
            self.connectTimeout = connectTimeout
            self.acquireTimeout = acquireTimeout
            self.maximumConnections = maximumConnections
            self.minimumConnections = minimumConnections
            self.statementTimeout = statementTimeout
        }
    }

    let client: PostgresClient
    let logger: Logger
    let acquireTimeout: Duration
    /// The database name the URL selected, for logs and for tests.
    public let databaseName: String

    /// A database for a `postgres://user:password@host:port/database?sslmode=…` URL (scheme `postgres` or
    /// `postgresql`; port 5432 and database = user by default; `sslmode` is `disable`, `prefer` (the default),
    /// `require`, `verify-ca` or `verify-full`). Opens nothing yet: connections are made on demand once
    /// `run()` is running. Throws `DomainError.invalid(field: "DATABASE_URL", …)` for a malformed URL.
    public convenience init(url: String, options: Options = Options(), logger: Logger = Logger(label: "chat.postgres"))
        throws
    {
        let parsed = try PostgresURL(url)
        self.init(configuration: parsed.configuration(options), databaseName: parsed.database, options: options, logger: logger)
    }

    init(configuration: PostgresClient.Configuration, databaseName: String, options: Options, logger: Logger) {
        self.client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        self.logger = logger
        self.acquireTimeout = options.acquireTimeout
        self.databaseName = databaseName
    }

    /// Runs the connection pool until the task is cancelled or a graceful shutdown is triggered. Call it once.
    public func run() async throws {
        await client.run()
    }

    /// Returns when the server answers a query; throws `DomainError.unavailable` otherwise, within about
    /// `acquireTimeout` (for `/ready`).
    public func checkReady() async throws {
        _ = try await collect("SELECT 1") { row in try row.decode(Int32.self) }
    }
}
