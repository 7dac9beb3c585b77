import ChatRealtime
import Foundation
import Logging

/// Everything the server can be told, already parsed and checked. Built from the environment by
/// `AppConfiguration.load(from:)`; tests build it directly.
public struct AppConfiguration: Sendable {
    /// Where chats, users and messages are stored.
    public enum Database: Sendable, Equatable {
        /// An SQLite file (the embedded default), migrated at start-up.
        case sqlite(path: String)
        /// A PostgreSQL server; migrations are applied by `chat-server migrate`.
        case postgres(url: String)
    }

    /// Where file bytes are stored.
    public enum Storage: Sendable, Equatable {
        /// A local directory (the embedded default).
        case local(directory: String)
        /// An S3-compatible server.
        case s3(S3Settings)
    }

    /// S3 connection settings.
    public struct S3Settings: Sendable, Equatable {
        /// Base URL of the server (`S3_ENDPOINT`), for example `http://127.0.0.1:9000`.
        public var endpoint: String
        /// Access key id (`S3_ACCESS_KEY`).
        public var accessKey: String
        /// Secret access key (`S3_SECRET_KEY`).
        public var secretKey: String
        /// Bucket holding every blob (`S3_BUCKET_NAME`).
        public var bucket: String
        /// Signing region (`S3_REGION`, default `us-east-1`).
        public var region: String
        /// Whether requests use `https` (`S3_USE_SSL`, default from the endpoint's scheme).
        public var useSSL: Bool

        /// Settings with every field given; nothing is checked here.
        public init(endpoint: String, accessKey: String, secretKey: String, bucket: String, region: String, useSSL: Bool) {
            self.endpoint = endpoint
            self.accessKey = accessKey
            self.secretKey = secretKey
            self.bucket = bucket
            self.region = region
            self.useSSL = useSSL
        }
    }

    /// How Socket.IO room operations reach the other server nodes.
    public enum ClusterAdapter: String, Sendable, Equatable {
        /// One node: nothing leaves the process.
        case local
        /// Through PostgreSQL `LISTEN`/`NOTIFY` on the configured PostgreSQL database.
        case postgres
    }

    /// Address to bind (`HOST`); `0.0.0.0` serves a network.
    public var host = "127.0.0.1"
    /// TCP port to bind (`PORT`), 0...65535; 0 picks a free one.
    public var port = 3000
    /// Where data is stored (`DATABASE_URL`); by default SQLite in `./data/chat.sqlite`.
    public var database = Database.sqlite(path: "./data/chat.sqlite")
    /// Where file bytes are stored: S3 when `S3_ENDPOINT` is set, else the `./data/files` directory.
    public var storage = Storage.local(directory: "./data/files")
    /// How room operations reach other nodes (`CLUSTER_ADAPTER`); `.postgres` needs a PostgreSQL `database`.
    public var cluster = ClusterAdapter.local
    /// The base URL other nodes use to reach this one (`CLUSTER_ADVERTISE_URL`); nil means `http://HOST:PORT` as
    /// bound (with the machine's host name when `HOST` is a wildcard address).
    public var clusterAdvertiseURL: String?
    /// HS256 key of access tokens (`JWT_SECRET`); at least 32 bytes in production.
    public var jwtSecret: String
    /// Access token lifetime, seconds.
    public var accessTokenLifetime = 15 * 60
    /// Refresh token (session) lifetime, seconds.
    public var refreshTokenLifetime = 30 * 24 * 3600
    /// Origins allowed by CORS (with credentials); empty allows none.
    public var allowedOrigins: [String] = []
    /// Largest upload in bytes (`MAX_UPLOAD_BYTES`), 1 byte to 64 GiB; default 25 MiB.
    public var maxUploadBytes = 25 * 1024 * 1024
    /// Largest JSON body accepted.
    public var maxJSONBodyBytes = 1024 * 1024
    /// Login attempts per client address per minute; 0 turns the limit off.
    public var loginRatePerIP = 300
    /// Failed logins per account per minute; 0 turns the limit off.
    public var loginFailuresPerAccount = 5
    /// Sign-ups per client address per minute; 0 turns the limit off.
    public var signupRatePerIP = 20
    /// Messages a user may send per minute, over REST and Socket.IO together; 0 turns the limit off.
    public var messageRatePerUser = 300
    /// `message:typing` and `message:stop_typing` events a user may send per minute; 0 turns the limit off.
    public var typingRatePerUser = 300
    /// Whether `APP_ENV` (or `NODE_ENV`) is `production`: demands a real `jwtSecret` and marks cookies `Secure`.
    public var isProduction = false
    /// Lowest level logged (`LOG_LEVEL`).
    public var logLevel = Logger.Level.info
    /// How long a `message:typing` lasts without a `message:stop_typing`.
    public var typingTimeout = Duration.seconds(5)
    /// How long a node trusts its last answer to "is this session active?" before asking the database again;
    /// revocations made on the node (or, in a cluster, on any node) take effect at once regardless.
    public var sessionCheckInterval: TimeInterval = 5
    /// Whether `GET /metrics` is served and requests, sockets and messages are counted.
    public var metricsEnabled = true
    /// How long a connection may keep the server waiting for a request head (new and keep-alive connections).
    public var httpTimeouts = HTTPConnectionTimeouts()
    /// The longest a graceful shutdown (SIGTERM, SIGINT) may take before what is left is cancelled.
    public var shutdownTimeout = Duration.seconds(10)
    /// bcrypt cost; tests lower it to the minimum of 10 for speed.
    public var bcryptCost: UInt8 = 12
    /// How old a file that no message, avatar or chat refers to must be before it is deleted, row and blob
    /// (`FILE_ORPHAN_TTL`).
    public var fileOrphanTTL = Duration.seconds(24 * 3600)
    /// How often the orphan clean-up runs; nil means every `fileOrphanTTL`, at most an hour apart. Tests
    /// shorten it.
    public var fileCleanupInterval: Duration?

    /// A configuration with every default and the given secret.
    public init(jwtSecret: String) { self.jwtSecret = jwtSecret }
}
