// swift-tools-version: 6.2
import PackageDescription

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "chat-backend",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "ChatDomain", targets: ["ChatDomain"]),
        .library(name: "ChatInMemory", targets: ["ChatInMemory"]),
        .library(name: "ChatPersistence", targets: ["ChatPersistence"]),
        .library(name: "ChatAuth", targets: ["ChatAuth"]),
        .library(name: "ChatRealtime", targets: ["ChatRealtime"]),
        .library(name: "ChatStorage", targets: ["ChatStorage"]),
        .library(name: "ChatServer", targets: ["ChatServer"]),
        .library(name: "MultipartStreaming", targets: ["MultipartStreaming"]),
        .executable(name: "chat-server", targets: ["chat-server"]),
        .executable(name: "socketio-conformance", targets: ["socketio-conformance"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-websocket", from: "2.8.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/vapor/jwt-kit", from: "5.8.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-configuration", from: "1.4.0"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/mattpolzin/OpenAPIKit", from: "6.4.0", traits: []),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        // `swift package generate-documentation`: the API reference of the library products (scripts/docs).
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
    ],
    targets: [
        .target(name: "ChatDomain", swiftSettings: strict),
        .target(name: "ChatInMemory", dependencies: ["ChatDomain"], swiftSettings: strict),
        .target(name: "MultipartStreaming", swiftSettings: strict),
        .target(
            name: "ChatPersistence",
            dependencies: [
                "ChatDomain",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "ChatAuth",
            dependencies: [
                "ChatDomain",
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "ChatRealtime",
            dependencies: [
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOWebSocket", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "NIOHTTPTypesHTTP1", package: "swift-nio-extras"),
                .product(name: "Logging", package: "swift-log"),
                // A cluster member forwards polling requests and relays WebSockets of sessions other nodes hold.
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "HummingbirdWSClient", package: "hummingbird-websocket"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "ChatStorage",
            dependencies: [
                "ChatDomain",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "ChatServer",
            dependencies: [
                "ChatDomain", "ChatPersistence", "ChatAuth", "ChatRealtime", "ChatStorage",
                .product(name: "Hummingbird", package: "hummingbird"),
                "MultipartStreaming",
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Configuration", package: "swift-configuration"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            resources: [.embedInCode("Resources/openapi.json")],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "chat-server",
            dependencies: [
                "ChatServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict
        ),
        // The benchmark's ceiling (Benchmarks/README.md): chat-server with messages in memory. Not a product.
        .executableTarget(
            name: "chat-server-in-memory",
            dependencies: [
                "ChatServer", "ChatDomain", "ChatInMemory",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            path: "Benchmarks/CeilingServer",
            swiftSettings: strict
        ),
        .executableTarget(
            name: "socketio-conformance",
            dependencies: [
                "ChatRealtime",
                .product(name: "Hummingbird", package: "hummingbird"),
            ],
            swiftSettings: strict
        ),
        .testTarget(name: "ChatDomainTests", dependencies: ["ChatDomain", "ChatInMemory"], swiftSettings: strict),
        .testTarget(name: "ChatInMemoryTests", dependencies: ["ChatInMemory", "ChatDomain"], swiftSettings: strict),
        .testTarget(name: "MultipartStreamingTests", dependencies: ["MultipartStreaming"], swiftSettings: strict),
        .target(
            name: "ChatTestSupport",
            dependencies: [.product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio")],
            path: "Tests/ChatTestSupport", swiftSettings: strict),
        .testTarget(
            name: "ChatPersistenceTests",
            dependencies: ["ChatPersistence", "ChatDomain", "ChatInMemory", "ChatTestSupport", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: strict),
        .testTarget(name: "ChatAuthTests", dependencies: ["ChatAuth", "ChatDomain", "ChatPersistence"], swiftSettings: strict),
        .testTarget(
            name: "ChatRealtimeTests",
            dependencies: [
                "ChatRealtime", "ChatTestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HummingbirdWSClient", package: "hummingbird-websocket"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            exclude: ["Python"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "ChatStorageTests", dependencies: ["ChatStorage", "ChatDomain", "ChatInMemory"], exclude: ["Vectors"], swiftSettings: strict),
        .testTarget(
            name: "ChatServerTests",
            dependencies: [
                "ChatServer", "ChatTestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "OpenAPIKit", package: "OpenAPIKit"),
                .product(name: "Yams", package: "Yams"),
            ],
            exclude: ["Realtime/Python", "Operations/Python"],
            swiftSettings: strict
        ),
    ]
)

// libFuzzer targets, declared only when `scripts/fuzz` builds them (CHAT_FUZZ=1, with `-sanitize=fuzzer,address`
// and `-parse-as-library`): normal builds and CI never see them.
if Context.environment["CHAT_FUZZ"] == "1" {
    // SwiftPM hands `--sanitize=fuzzer --sanitize=address` to swiftc as two flags, of which swiftc keeps the last:
    // Swift code would get no coverage. The fuzzed modules and the targets get both in one flag.
    let instrumented: SwiftSetting = .unsafeFlags(["-sanitize=fuzzer,address"])
    for target in package.targets where ["ChatRealtime", "MultipartStreaming"].contains(target.name) {
        target.swiftSettings = (target.swiftSettings ?? []) + [instrumented]
    }
    package.targets += [
        .target(name: "FuzzDriver", path: "Fuzz/FuzzDriver"),
        .executableTarget(name: "FuzzMultipart", dependencies: ["FuzzDriver", "MultipartStreaming"], path: "Fuzz/FuzzMultipart", swiftSettings: [instrumented]),
        .executableTarget(name: "FuzzEngineIO", dependencies: ["FuzzDriver", "ChatRealtime"], path: "Fuzz/FuzzEngineIO", swiftSettings: [instrumented]),
        .executableTarget(name: "FuzzSocketIO", dependencies: ["FuzzDriver", "ChatRealtime"], path: "Fuzz/FuzzSocketIO", swiftSettings: [instrumented]),
        .executableTarget(name: "FuzzJSON", dependencies: ["FuzzDriver", "ChatRealtime"], path: "Fuzz/FuzzJSON", swiftSettings: [instrumented]),
        .executableTarget(
            name: "FuzzHTTPHead",
            dependencies: [
                "FuzzDriver", "ChatRealtime",
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOWebSocket", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "NIOHTTPTypesHTTP1", package: "swift-nio-extras"),
            ],
            path: "Fuzz/FuzzHTTPHead",
            swiftSettings: [instrumented]
        ),
    ]
}
