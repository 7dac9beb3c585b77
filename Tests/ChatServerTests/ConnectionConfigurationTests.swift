import ChatServer
import Logging
import Testing

@Suite("Connection, shutdown and hashing settings from the environment")
struct ConnectionConfigurationTests {
    func load(_ environment: [String: String]) throws -> AppConfiguration {
        try AppConfiguration.load(logger: Logger(label: "test")) { environment[$0] }
    }

    @Test func defaultsBoundSilentAndIdleConnectionsAndShutdown() throws {
        let configuration = try load([:])
        #expect(configuration.httpTimeouts.requestHead == .seconds(10))
        #expect(configuration.httpTimeouts.idle == .seconds(60))
        #expect(configuration.shutdownTimeout == .seconds(10))
        #expect(configuration.bcryptCost == 12)
    }

    @Test func theVariablesAreRead() throws {
        let configuration = try load([
            "HTTP_HEADER_TIMEOUT": "5s", "HTTP_IDLE_TIMEOUT": "2m", "SHUTDOWN_TIMEOUT": "30", "BCRYPT_COST": "10",
        ])
        #expect(configuration.httpTimeouts.requestHead == .seconds(5))
        #expect(configuration.httpTimeouts.idle == .seconds(120))
        #expect(configuration.shutdownTimeout == .seconds(30))
        #expect(configuration.bcryptCost == 10)
    }

    @Test(arguments: [
        ("HTTP_HEADER_TIMEOUT", "0"), ("HTTP_IDLE_TIMEOUT", "soon"), ("SHUTDOWN_TIMEOUT", "-3"), ("BCRYPT_COST", "9"),
        ("BCRYPT_COST", "16"),
    ])
    func aBadValueNamesItsVariable(_ name: String, _ value: String) {
        #expect {
            try load([name: value])
        } throws: { error in
            (error as? ConfigurationError)?.variable == name
        }
    }
}
