import ChatDomain
import Foundation
import NIOSSL
import PostgresNIO

/// The parts of a `postgres://` URL that `PostgresClient` needs.
struct PostgresURL: Sendable {
    enum SSLMode: String, Sendable {
        case disable, allow, prefer, require
        case verifyCA = "verify-ca"
        case verifyFull = "verify-full"
    }

    var host: String
    var port: Int
    var username: String
    var password: String?
    var database: String
    var sslMode: SSLMode

    /// Parses the URL; throws `DomainError.invalid(field: "DATABASE_URL", …)` naming what is wrong.
    init(_ string: String) throws {
        func invalid(_ reason: String) -> DomainError { .invalid(field: "DATABASE_URL", reason: reason) }
        guard let components = URLComponents(string: string) else {
            throw invalid("expected postgres://user:password@host:port/database")
        }
        guard let scheme = components.scheme?.lowercased(), scheme == "postgres" || scheme == "postgresql" else {
            throw invalid("the scheme must be postgres:// or postgresql://")
        }
        guard let host = components.host, !host.isEmpty else { throw invalid("a host is required") }
        guard let username = components.user, !username.isEmpty else { throw invalid("a user name is required") }
        self.host = host
        self.port = components.port ?? 5432
        self.username = username
        self.password = components.password
        let path = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        self.database = path.isEmpty ? username : path
        let mode = components.queryItems?.first { $0.name == "sslmode" }?.value ?? "prefer"
        guard let sslMode = SSLMode(rawValue: mode) else {
            throw invalid("sslmode must be disable, prefer, require, verify-ca or verify-full, not \(mode)")
        }
        self.sslMode = sslMode
    }

    /// The same URL with another database name, e.g. to reach `postgres` for administration.
    func replacingDatabase(_ name: String) -> PostgresURL {
        var copy = self
        copy.database = name
        return copy
    }

    /// A client configuration for these parts and the pool options.
    func configuration(_ options: PostgresDatabase.Options) -> PostgresClient.Configuration {
        var configuration = PostgresClient.Configuration(
            host: host, port: port, username: username, password: password, database: database, tls: tls
        )
        configuration.options.connectTimeout = options.connectTimeout
        configuration.options.maximumConnections = options.maximumConnections
        configuration.options.minimumConnections = options.minimumConnections
        if let timeout = options.statementTimeout {
            configuration.options.additionalStartupParameters.append(("statement_timeout", "\(max(1, timeout.wholeMilliseconds))"))
        }
        return configuration
    }

    private var tls: PostgresClient.Configuration.TLS {
        var tlsConfiguration = TLSConfiguration.makeClientConfiguration()
        switch sslMode {
        case .disable:
            return .disable
        case .allow, .prefer:
            // libpq semantics: encryption when offered, without verifying the certificate.
            tlsConfiguration.certificateVerification = .none
            return .prefer(tlsConfiguration)
        case .require:
            tlsConfiguration.certificateVerification = .none
            return .require(tlsConfiguration)
        case .verifyCA:
            tlsConfiguration.certificateVerification = .noHostnameVerification
            return .require(tlsConfiguration)
        case .verifyFull:
            return .require(tlsConfiguration)
        }
    }
}
