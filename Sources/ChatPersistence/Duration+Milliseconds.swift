extension Duration {
    /// The duration in whole milliseconds (rounded down), as PostgreSQL settings and intervals take it.
    var wholeMilliseconds: Int {
        Int(components.seconds * 1000 + components.attoseconds / 1_000_000_000_000_000)
    }
}
