import ChatDomain
import Logging
import PostgresNIO

/// Turns driver errors into `DomainError`s, so no PostgresNIO type leaves the adapter.
enum PostgresErrors {
    /// The message every caller sees when the database cannot be reached.
    static let unavailable = DomainError.unavailable("database unavailable")

    /// `DomainError`s and cancellation pass through. Unique violations become `.conflict`, foreign key
    /// violations `.notFound`; lost connections, refused connections, pool timeouts, server shutdowns and
    /// statements cancelled by `statement_timeout` become `.unavailable`. Anything else (a bad query, an undecodable row) is a bug and is rethrown as is.
    static func translate(_ error: any Error, logger: Logger) -> any Error {
        switch error {
        case let error as DomainError:
            return error
        case is CancellationError:
            return error
        case is PostgresAcquireTimeout:
            logger.warning("postgres: no connection within the acquire timeout")
            return unavailable
        case let error as PSQLError:
            return translate(error, logger: logger)
        case let error as PostgresTransactionError:
            return translate(error.closureError ?? error.beginError ?? error.commitError ?? error, logger: logger)
        case is PostgresDecodingError:
            return error
        default:
            // Connect failures (refused, timed out), pool errors (circuit breaker open) and channel errors.
            logger.warning("postgres: connection failure", metadata: ["error": "\(String(reflecting: error))"])
            return unavailable
        }
    }

    private static func translate(_ error: PSQLError, logger: Logger) -> any Error {
        switch error.code {
        case .server:
            let state = error.serverInfo?[.sqlState] ?? ""
            let constraint = error.serverInfo?[.constraintName] ?? ""
            switch state {
            case "23505":
                return DomainError.conflict(conflictMessage(constraint: constraint))
            case "23503":
                return DomainError.notFound("a referenced record does not exist")
            case "57014":
                logger.warning("postgres: statement cancelled (statement_timeout)")
                return unavailable
            case _ where state.hasPrefix("08") || state.hasPrefix("57P") || state == "53300":
                logger.warning("postgres: server unavailable", metadata: ["sqlState": "\(state)"])
                return unavailable
            default:
                return error
            }
        case .connectionError, .serverClosedConnection, .clientClosedConnection, .uncleanShutdown, .poolClosed,
            .sslUnsupported, .failedToAddSSLHandler:
            logger.warning("postgres: connection lost", metadata: ["error": "\(String(reflecting: error))"])
            return unavailable
        default:
            return error
        }
    }

    /// The SQLSTATE of a server error, or nil for any other error.
    static func sqlState(of error: any Error) -> String? {
        if let error = error as? PSQLError, error.code == .server { return error.serverInfo?[.sqlState] }
        if let error = error as? PostgresTransactionError, let inner = error.closureError { return sqlState(of: inner) }
        return nil
    }

    private static func conflictMessage(constraint: String) -> String {
        switch constraint {
        case "users_email_key": "email already taken"
        case "users_username_key": "username already taken"
        case "memberships_pkey": "already a member"
        case "chats_direct_key_key": "the direct chat already exists"
        default: "already exists"
        }
    }
}
