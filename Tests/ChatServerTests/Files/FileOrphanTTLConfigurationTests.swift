import ChatServer
import Logging
import Testing

@Suite("FILE_ORPHAN_TTL")
struct FileOrphanTTLConfigurationTests {
    func load(_ environment: [String: String]) throws -> AppConfiguration {
        try AppConfiguration.load(logger: Logger(label: "test")) { environment[$0] }
    }

    @Test func unreferencedFilesLiveADayByDefault() throws {
        let configuration = try load([:])
        #expect(configuration.fileOrphanTTL == .seconds(86_400))
        #expect(configuration.fileCleanupInterval == nil)
    }

    @Test(arguments: [("30s", 30), ("15m", 900), ("24h", 86_400), ("7d", 604_800), ("90", 90)])
    func theTTLIsADurationLikeTheOthers(raw: String, seconds: Int) throws {
        #expect(try load(["FILE_ORPHAN_TTL": raw]).fileOrphanTTL == .seconds(seconds))
    }

    @Test(arguments: ["0", "-5m", "soon", "12x"])
    func aBadTTLIsAStartUpErrorNamingTheVariable(raw: String) throws {
        #expect(throws: ConfigurationError.self) { try load(["FILE_ORPHAN_TTL": raw]) }
        do {
            _ = try load(["FILE_ORPHAN_TTL": raw])
        } catch let error as ConfigurationError {
            #expect(error.variable == "FILE_ORPHAN_TTL")
        }
    }
}
