import ChatServer
import Logging
import Testing

@Suite("Configuration from the environment")
struct ConfigurationTests {
    let logger = Logger(label: "test")

    func load(_ environment: [String: String]) throws -> AppConfiguration {
        try AppConfiguration.load(logger: logger) { environment[$0] }
    }

    @Test func defaultsAreTheEmbeddedSetupOnPort3000() throws {
        let configuration = try load([:])
        #expect(configuration.port == 3000)
        #expect(configuration.database == .sqlite(path: "./data/chat.sqlite"))
        #expect(configuration.storage == .local(directory: "./data/files"))
        #expect(configuration.accessTokenLifetime == 900)
        #expect(configuration.refreshTokenLifetime == 30 * 86400)
        #expect(configuration.maxUploadBytes == 25 * 1024 * 1024)
        #expect(configuration.metricsEnabled)
    }

    @Test func metricsCanBeTurnedOff() throws {
        #expect(try load(["METRICS_ENABLED": "false"]).metricsEnabled == false)
        #expect(try load(["METRICS_ENABLED": "true"]).metricsEnabled == true)
    }

    @Test func seedVariablesAreRead() throws {
        let configuration = try load([
            "PORT": "8080", "DATABASE_URL": "postgres://u:p@db:5432/chat", "JWT_EXPIRES_IN": "7d", "REFRESH_TOKEN_TTL": "12h",
            "FRONTEND_URL": "http://a.example, http://b.example", "S3_ENDPOINT": "http://minio:9000", "S3_ACCESS_KEY": "k",
            "S3_SECRET_KEY": "s", "S3_BUCKET_NAME": "chat", "LOGIN_RATE_PER_IP": "0",
        ])
        #expect(configuration.port == 8080)
        #expect(configuration.database == .postgres(url: "postgres://u:p@db:5432/chat"))
        #expect(configuration.accessTokenLifetime == 7 * 86400)
        #expect(configuration.refreshTokenLifetime == 12 * 3600)
        #expect(configuration.allowedOrigins == ["http://a.example", "http://b.example"])
        #expect(configuration.loginRatePerIP == 0)
        guard case .s3(let s3) = configuration.storage else {
            Issue.record("expected S3 storage")
            return
        }
        #expect(s3.bucket == "chat" && s3.region == "us-east-1" && !s3.useSSL)
    }

    @Test func rateLimitsAreReadPerMinuteAndZeroTurnsThemOff() throws {
        let defaults = try load([:])
        #expect(defaults.loginRatePerIP == 300 && defaults.loginFailuresPerAccount == 5)
        #expect(defaults.signupRatePerIP == 20 && defaults.messageRatePerUser == 300 && defaults.typingRatePerUser == 300)
        let configured = try load(["SIGNUP_RATE_PER_IP": "7", "MESSAGE_RATE_PER_USER": "0", "TYPING_RATE_PER_USER": "42"])
        #expect(configured.signupRatePerIP == 7 && configured.messageRatePerUser == 0 && configured.typingRatePerUser == 42)
        for name in ["SIGNUP_RATE_PER_IP", "MESSAGE_RATE_PER_USER", "TYPING_RATE_PER_USER", "LOGIN_FAILURES_PER_ACCOUNT"] {
            for value in ["-1", "often"] {
                let error = #expect(throws: ConfigurationError.self, "\(name)=\(value)") { try load([name: value]) }
                #expect(error?.variable == name)
            }
        }
    }

    @Test func badValuesNameTheVariable() {
        #expect(throws: ConfigurationError.self) { try load(["PORT": "eighty"]) }
        for (name, value) in [
            ("PORT", "70000"), ("JWT_EXPIRES_IN", "soon"), ("DATABASE_URL", "mysql://x"), ("LOG_LEVEL", "loud"),
            ("MAX_UPLOAD_BYTES", "-1"), ("S3_USE_SSL", "maybe"), ("METRICS_ENABLED", "sometimes"),
        ] {
            var environment = [name: value]
            if name == "S3_USE_SSL" {
                environment.merge(["S3_ENDPOINT": "http://x", "S3_ACCESS_KEY": "k", "S3_SECRET_KEY": "s", "S3_BUCKET_NAME": "b"]) { a, _ in a }
            }
            do {
                _ = try load(environment)
                Issue.record("\(name)=\(value) was accepted")
            } catch let error as ConfigurationError {
                #expect(error.variable == name)
            } catch {
                Issue.record("unexpected \(error)")
            }
        }
    }

    @Test func productionRefusesToStartWithoutARealSecret() {
        #expect(throws: ConfigurationError(variable: "JWT_SECRET", expected: "is required in production (at least 32 bytes)")) {
            try load(["APP_ENV": "production"])
        }
        #expect(throws: ConfigurationError.self) { try load(["NODE_ENV": "production", "JWT_SECRET": "short"]) }
        #expect(throws: Never.self) { try load(["NODE_ENV": "production", "JWT_SECRET": String(repeating: "k", count: 32)]) }
    }

    @Test func s3NeedsItsCredentials() {
        #expect(throws: ConfigurationError(variable: "S3_ACCESS_KEY", expected: "is required when S3_ENDPOINT is set")) {
            try load(["S3_ENDPOINT": "http://minio:9000"])
        }
    }

    @Test func theClusterAdapterIsLocalOrPostgresOnAPostgreSQLDatabase() throws {
        #expect(try load([:]).cluster == .local)
        #expect(try load(["CLUSTER_ADAPTER": "local"]).cluster == .local)
        #expect(try load(["CLUSTER_ADAPTER": "postgres", "DATABASE_URL": "postgres://chat@db/chat"]).cluster == .postgres)
        #expect(throws: ConfigurationError(variable: "CLUSTER_ADAPTER", expected: "must be local or postgres")) {
            try load(["CLUSTER_ADAPTER": "redis"])
        }
        #expect(
            throws: ConfigurationError(
                variable: "CLUSTER_ADAPTER", expected: "postgres needs DATABASE_URL to name a PostgreSQL database")
        ) { try load(["CLUSTER_ADAPTER": "postgres"]) }
    }
}
