import ChatRealtime

extension AppConfiguration {
    /// Reads `HTTP_HEADER_TIMEOUT` (time to a complete request head on a new connection, default 10 s) and
    /// `HTTP_IDLE_TIMEOUT` (time a keep-alive connection may wait for its next request, default 60 s), each a
    /// duration like `10`, `10s` or `2m`. Throws `ConfigurationError` naming a bad one.
    static func httpTimeouts(text: (String) -> String?) throws -> HTTPConnectionTimeouts {
        var timeouts = HTTPConnectionTimeouts()
        if let raw = text("HTTP_HEADER_TIMEOUT") { timeouts.requestHead = .seconds(try duration("HTTP_HEADER_TIMEOUT", raw)) }
        if let raw = text("HTTP_IDLE_TIMEOUT") { timeouts.idle = .seconds(try duration("HTTP_IDLE_TIMEOUT", raw)) }
        return timeouts
    }

    /// Reads `SHUTDOWN_TIMEOUT` (default 10 s), the longest a graceful shutdown may take before what is left is
    /// cancelled. Throws `ConfigurationError` when it is not a duration.
    static func shutdownTimeout(text: (String) -> String?) throws -> Duration {
        guard let raw = text("SHUTDOWN_TIMEOUT") else { return .seconds(10) }
        return .seconds(try duration("SHUTDOWN_TIMEOUT", raw))
    }
}
