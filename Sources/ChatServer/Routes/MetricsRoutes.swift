import Hummingbird

/// `GET /metrics`: the server's metrics in the Prometheus text format. Unauthenticated, like `/health`: operators
/// scrape it from inside their network (or turn it off with `METRICS_ENABLED=false`). It shows counts by route
/// pattern and status, never ids, tokens or emails.
struct MetricsRoutes {
    let metrics: ServerMetrics

    func register(on router: Router<ChatRequestContext>) {
        router.get("metrics") { _, _ in
            Response(
                status: .ok,
                headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8", .cacheControl: "no-store"],
                body: .init(byteBuffer: ByteBuffer(bytes: metrics.exposition())))
        }
    }
}
