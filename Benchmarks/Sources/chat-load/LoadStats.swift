import Histogram

/// What the clients of one event loop saw. Touched only on that loop; merged when the run ends.
final class LoadStats {
    /// Send → `message:new` on every socket of the chat, nanoseconds, within the measurement window.
    var deliveryLatency = Histogram<UInt64>(highestTrackableValue: 120_000_000_000, numberOfSignificantValueDigits: .three)
    /// With several nodes: delivery latency of the messages whose sender's socket is on the receiver's node, and of
    /// those that crossed from another node. Empty with one node.
    var sameNodeLatency = Histogram<UInt64>(highestTrackableValue: 120_000_000_000, numberOfSignificantValueDigits: .three)
    var crossNodeLatency = Histogram<UInt64>(highestTrackableValue: 120_000_000_000, numberOfSignificantValueDigits: .three)
    /// Send → ack, nanoseconds, within the measurement window.
    var ackLatency = Histogram<UInt64>(highestTrackableValue: 120_000_000_000, numberOfSignificantValueDigits: .three)
    var measuring = false
    var sending = true
    var sent = 0
    var acked = 0
    var ackErrors = 0
    var delivered = 0
    /// `message:new` that reached a socket with a lower `seq` than one it already had from the same chat.
    var inversions = 0
    /// Of those, the ones where the late message came from a socket on another node (several nodes only).
    var crossNodeInversions = 0
    /// Deliveries per message token, whenever they came.
    var deliveries: [String: Int] = [:]
    /// Tokens of the messages acknowledged within the measurement window.
    var ackedTokens: [String] = []

    /// Starts the measurement window: counters from zero.
    func beginMeasuring() {
        deliveryLatency.reset()
        sameNodeLatency.reset()
        crossNodeLatency.reset()
        ackLatency.reset()
        sent = 0
        acked = 0
        ackErrors = 0
        delivered = 0
        inversions = 0
        crossNodeInversions = 0
        ackedTokens.removeAll()
        measuring = true
    }

    /// Adds `other`'s counts to these.
    func merge(_ other: LoadStats) {
        deliveryLatency.add(other.deliveryLatency)
        sameNodeLatency.add(other.sameNodeLatency)
        crossNodeLatency.add(other.crossNodeLatency)
        ackLatency.add(other.ackLatency)
        sent += other.sent
        acked += other.acked
        ackErrors += other.ackErrors
        delivered += other.delivered
        inversions += other.inversions
        crossNodeInversions += other.crossNodeInversions
        deliveries.merge(other.deliveries, uniquingKeysWith: +)
        ackedTokens += other.ackedTokens
    }
}
