import ChatDomain
import ChatRealtime
import Logging

extension Backends {
    /// Links `io` to the other nodes as `adapter` says: nothing for `.local`; for `.postgres`, the cluster
    /// adapter over the configured PostgreSQL database, which runs as a service and which `/ready` checks
    /// (a node that does not hear the others should not take clients), presence counted across nodes, and
    /// session revocations told to every node.
    mutating func connectCluster(_ adapter: AppConfiguration.ClusterAdapter, io: SocketIOServer, logger: Logger) throws {
        guard adapter == .postgres else { return }
        guard let database = postgres else { throw ConfigurationError.clusterNeedsPostgres }
        let cluster = PostgresClusterAdapter(database: database, io: io, logger: logger)
        io.use(cluster)
        services.append(cluster)
        presence = PresenceTracker.Cluster(registry: cluster.presence, node: io.nodeID)
        let gate = ClusterSessionGate(local: sessionGate, database: database, logger: logger)
        services.append(gate)
        sessionGate = gate
        probes.append(ClosureProbe(name: "cluster") {
            guard cluster.channel.isListening else { throw DomainError.unavailable("cluster listener not connected") }
        })
    }
}
