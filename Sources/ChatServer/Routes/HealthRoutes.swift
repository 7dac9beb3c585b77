import Hummingbird

/// Something `/ready` checks: the database, the blob store.
public protocol ReadinessProbe: Sendable {
    /// A short name shown in the `/ready` body.
    var name: String { get }
    /// Returns when the dependency answers; throws when it does not.
    func check() async throws
}

/// `/health` (the process is up) and `/ready` (its dependencies answer).
struct HealthRoutes {
    let probes: [any ReadinessProbe]

    struct Status: ResponseEncodable {
        var status: String
        var checks: [String: String]?
    }

    func register(on router: RouterGroup<ChatRequestContext>) {
        router.get("health") { _, _ in Status(status: "ok") }
        router.get("ready") { _, _ in
            var checks: [String: String] = [:]
            for probe in probes {
                do {
                    try await probe.check()
                    checks[probe.name] = "ok"
                } catch {
                    checks[probe.name] = "unavailable"
                }
            }
            let ready = checks.values.allSatisfy { $0 == "ok" }
            return EditedResponse(
                status: ready ? .ok : .serviceUnavailable, response: Status(status: ready ? "ok" : "unavailable", checks: checks))
        }
    }
}
