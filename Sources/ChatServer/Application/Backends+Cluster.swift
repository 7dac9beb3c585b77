import ChatDomain
import ChatRealtime
import CoreMetrics
import Logging

extension Backends {
    /// Links `io` to the other nodes as `adapter` says: nothing for `.local`; for `.postgres`, the cluster
    /// adapter over the configured PostgreSQL database, which runs as a service and which `/ready` checks
    /// (a node that does not hear the others should not take clients), presence counted across nodes, and
    /// session revocations told to every node. Its traffic is counted with `metrics`.
    mutating func connectCluster(
        _ adapter: AppConfiguration.ClusterAdapter, io: SocketIOServer, advertised: AdvertisedAddress,
        metrics: any MetricsFactory, logger: Logger
    ) throws {
        guard adapter == .postgres else { return }
        guard let database = postgres else { throw ConfigurationError.clusterNeedsPostgres }
        let cluster = PostgresClusterAdapter(
            database: database, io: io, advertised: advertised, traffic: ClusterTraffic(factory: metrics), logger: logger)
        io.use(cluster)
        services.append(cluster)
        self.cluster = cluster
        presence = PresenceTracker.Cluster(registry: cluster.presence, node: io.nodeID)
        let gate = ClusterSessionGate(local: sessionGate, database: database, logger: logger)
        services.append(gate)
        sessionGate = gate
        probes.append(ClosureProbe(name: "cluster") {
            guard cluster.channel.isListening else { throw DomainError.unavailable("cluster listener not connected") }
        })
    }
}
