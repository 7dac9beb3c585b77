import Foundation

extension Date {
    /// Milliseconds since 1970-01-01T00:00:00Z, rounded: how times are stored.
    var epochMilliseconds: Int64 { Int64((timeIntervalSince1970 * 1000).rounded()) }

    /// The date `milliseconds` after 1970-01-01T00:00:00Z.
    init(epochMilliseconds milliseconds: Int64) {
        self.init(timeIntervalSince1970: Double(milliseconds) / 1000)
    }
}
