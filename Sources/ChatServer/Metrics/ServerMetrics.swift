import CoreMetrics
import Prometheus

/// The metrics of one server: its own Prometheus registry, never the process-wide `MetricsSystem`, so that
/// several servers in one process (the tests) count apart and none of them bootstraps anything global.
/// Instruments speak swift-metrics through `factory`; `exposition()` renders the registry.
final class ServerMetrics: Sendable {
    /// The swift-metrics factory over this server's registry.
    let factory: any MetricsFactory
    /// Messages committed (over REST or Socket.IO); a retried `clientMessageId` is not counted again.
    let messagesSent: CoreMetrics.Counter
    private let registry: PrometheusCollectorRegistry
    private let connectedSockets: Meter
    private let countSockets: @Sendable () -> Int

    /// A server's metrics; `connectedSockets` answers the number of Socket.IO sockets connected now, read at
    /// each scrape.
    init(connectedSockets: @escaping @Sendable () -> Int) {
        let registry = PrometheusCollectorRegistry()
        let factory = PrometheusMetricsFactory(registry: registry)
        self.registry = registry
        self.factory = factory
        messagesSent = CoreMetrics.Counter(label: "chat_messages_sent_total", factory: factory)
        self.connectedSockets = Meter(label: "chat_socketio_connected_sockets", factory: factory)
        countSockets = connectedSockets
    }

    /// Every metric in the Prometheus text exposition format (version 0.0.4), with the socket gauge sampled now.
    func exposition() -> [UInt8] {
        connectedSockets.set(countSockets())
        return registry.emitToBuffer()
    }
}
