extension AppConfiguration {
    /// Reads `BCRYPT_COST` (10–15, default 12): the work factor of new password hashes. Lower costs sign users up
    /// faster (benchmarks, tests); existing hashes keep the cost they were made with. Throws `ConfigurationError`
    /// outside that range.
    static func bcryptCost(text: (String) -> String?) throws -> UInt8 {
        guard let raw = text("BCRYPT_COST") else { return 12 }
        return UInt8(try integer("BCRYPT_COST", raw, in: 10...15))
    }
}
