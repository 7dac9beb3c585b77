import Configuration
import Foundation
import Logging

/// A setting that could not be used; says which variable and what it expected.
public struct ConfigurationError: Error, CustomStringConvertible, Equatable {
    /// The environment variable at fault, such as `JWT_SECRET`.
    public let variable: String
    /// What the variable must be, as a phrase that follows its name.
    public let expected: String

    /// `CLUSTER_ADAPTER=postgres` on a database that is not PostgreSQL.
    static let clusterNeedsPostgres = ConfigurationError(
        variable: "CLUSTER_ADAPTER", expected: "postgres needs DATABASE_URL to name a PostgreSQL database")

    /// An error about `variable`, saying what it `expected`.
    public init(variable: String, expected: String) {
        self.variable = variable
        self.expected = expected
    }

    public var description: String { "configuration: \(variable) \(expected)" }
}

extension AppConfiguration {
    /// The development secret used when `JWT_SECRET` is unset outside production.
    static let developmentSecret = "development-secret-do-not-use-in-production-0123456789"

    /// Reads the seed's variable names from the environment and an optional `.env` file in the current directory
    /// (the environment wins). Throws `ConfigurationError` naming the first bad or missing variable.
    public static func loadFromEnvironment(dotEnvPath: String = ".env", logger: Logger) async throws -> AppConfiguration {
        let reader = ConfigReader(providers: [
            EnvironmentVariablesProvider(),
            try await EnvironmentVariablesProvider(environmentFilePath: .init(dotEnvPath), allowMissing: true),
        ])
        return try load(logger: logger) { reader.string(forKey: ConfigKey($0)) }
    }

    /// Builds the configuration from `value`, which answers a variable's raw text or nil when unset.
    public static func load(logger: Logger, value: (String) -> String?) throws -> AppConfiguration {
        func text(_ name: String) -> String? {
            guard let raw = value(name)?.trimmingCharacters(in: .whitespaces), !raw.isEmpty else { return nil }
            return raw
        }
        let environment = (text("APP_ENV") ?? text("NODE_ENV") ?? "development").lowercased()
        let isProduction = environment == "production"

        let secret: String
        if let given = text("JWT_SECRET") {
            guard !isProduction || given.utf8.count >= 32 else {
                throw ConfigurationError(variable: "JWT_SECRET", expected: "must be at least 32 bytes in production")
            }
            secret = given
        } else if isProduction {
            throw ConfigurationError(variable: "JWT_SECRET", expected: "is required in production (at least 32 bytes)")
        } else {
            logger.warning("JWT_SECRET is not set: using a development secret. Never run like this in production.")
            secret = developmentSecret
        }

        var configuration = AppConfiguration(jwtSecret: secret)
        configuration.isProduction = isProduction
        if let host = text("HOST") { configuration.host = host }
        if let port = text("PORT") { configuration.port = try integer("PORT", port, in: 0...65535) }
        if let url = text("DATABASE_URL") {
            if url.hasPrefix("postgres://") || url.hasPrefix("postgresql://") {
                configuration.database = .postgres(url: url)
            } else if url.hasPrefix("sqlite:") || url.hasPrefix("file:") {
                let path = url.drop(while: { $0 != ":" }).dropFirst().replacingOccurrences(of: "//", with: "")
                configuration.database = .sqlite(path: String(path))
            } else {
                throw ConfigurationError(variable: "DATABASE_URL", expected: "must start with postgres://, postgresql:// or sqlite:")
            }
        }
        if let lifetime = text("JWT_EXPIRES_IN") { configuration.accessTokenLifetime = try duration("JWT_EXPIRES_IN", lifetime) }
        if let lifetime = text("REFRESH_TOKEN_TTL") {
            configuration.refreshTokenLifetime = try duration("REFRESH_TOKEN_TTL", lifetime)
        }
        if let origins = text("FRONTEND_URL") {
            configuration.allowedOrigins = origins.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty }
        }
        if let bytes = text("MAX_UPLOAD_BYTES") {
            configuration.maxUploadBytes = try integer("MAX_UPLOAD_BYTES", bytes, in: 1...(64 * 1024 * 1024 * 1024))
        }
        let rateLimits: [(String, WritableKeyPath<AppConfiguration, Int>)] = [
            ("LOGIN_RATE_PER_IP", \.loginRatePerIP), ("LOGIN_FAILURES_PER_ACCOUNT", \.loginFailuresPerAccount),
            ("SIGNUP_RATE_PER_IP", \.signupRatePerIP), ("MESSAGE_RATE_PER_USER", \.messageRatePerUser),
            ("TYPING_RATE_PER_USER", \.typingRatePerUser),
        ]
        for (name, limit) in rateLimits {
            if let rate = text(name) { configuration[keyPath: limit] = try integer(name, rate, in: 0...1_000_000) }
        }
        if let level = text("LOG_LEVEL") {
            guard let parsed = Logger.Level(rawValue: level.lowercased()) else {
                throw ConfigurationError(variable: "LOG_LEVEL", expected: "must be one of trace, debug, info, notice, warning, error, critical")
            }
            configuration.logLevel = parsed
        }
        if let enabled = text("METRICS_ENABLED") { configuration.metricsEnabled = try boolean("METRICS_ENABLED", enabled) }
        if let adapter = text("CLUSTER_ADAPTER") {
            guard let parsed = ClusterAdapter(rawValue: adapter.lowercased()) else {
                throw ConfigurationError(variable: "CLUSTER_ADAPTER", expected: "must be local or postgres")
            }
            if parsed == .postgres, case .sqlite = configuration.database { throw ConfigurationError.clusterNeedsPostgres }
            configuration.cluster = parsed
        }
        if let advertised = text("CLUSTER_ADVERTISE_URL") {
            guard let url = URL(string: advertised), ["http", "https"].contains(url.scheme ?? ""), url.host != nil,
                url.path.isEmpty || url.path == "/", url.query == nil
            else {
                throw ConfigurationError(variable: "CLUSTER_ADVERTISE_URL", expected: "must be an http(s) base URL such as http://10.0.0.5:3000")
            }
            configuration.clusterAdvertiseURL = advertised.hasSuffix("/") ? String(advertised.dropLast()) : advertised
        }
        if let endpoint = text("S3_ENDPOINT") {
            configuration.storage = .s3(try s3Settings(endpoint: endpoint, text: text))
        }
        configuration.httpTimeouts = try httpTimeouts(text: text)
        configuration.shutdownTimeout = try shutdownTimeout(text: text)
        configuration.bcryptCost = try bcryptCost(text: text)
        if let raw = text("FILE_ORPHAN_TTL") { configuration.fileOrphanTTL = .seconds(try duration("FILE_ORPHAN_TTL", raw)) }
        return configuration
    }

    private static func s3Settings(endpoint: String, text: (String) -> String?) throws -> S3Settings {
        func required(_ name: String) throws -> String {
            guard let value = text(name) else { throw ConfigurationError(variable: name, expected: "is required when S3_ENDPOINT is set") }
            return value
        }
        let useSSL = try boolean("S3_USE_SSL", text("S3_USE_SSL") ?? (endpoint.hasPrefix("https://") ? "true" : "false"))
        return S3Settings(
            endpoint: endpoint, accessKey: try required("S3_ACCESS_KEY"), secretKey: try required("S3_SECRET_KEY"),
            bucket: try required("S3_BUCKET_NAME"), region: text("S3_REGION") ?? "us-east-1", useSSL: useSSL)
    }

    static func integer(_ name: String, _ raw: String, in range: ClosedRange<Int>) throws -> Int {
        guard let value = Int(raw), range.contains(value) else {
            throw ConfigurationError(variable: name, expected: "must be an integer in \(range.lowerBound)...\(range.upperBound), got \"\(raw)\"")
        }
        return value
    }

    static func boolean(_ name: String, _ raw: String) throws -> Bool {
        switch raw.lowercased() {
        case "true", "1", "yes": return true
        case "false", "0", "no": return false
        default: throw ConfigurationError(variable: name, expected: "must be true or false, got \"\(raw)\"")
        }
    }

    /// Seconds from `900`, `45s`, `15m`, `12h` or `30d`.
    static func duration(_ name: String, _ raw: String) throws -> Int {
        let units: [Character: Int] = ["s": 1, "m": 60, "h": 3600, "d": 86400]
        let (digits, multiplier): (Substring, Int) =
            if let last = raw.last, let unit = units[last] { (raw.dropLast(), unit) } else { (Substring(raw), 1) }
        guard let amount = Int(digits), amount > 0, amount <= 10 * 365 * 86400 / multiplier else {
            throw ConfigurationError(variable: name, expected: "must be a positive duration like 900, 45s, 15m, 12h or 30d, got \"\(raw)\"")
        }
        return amount * multiplier
    }
}
