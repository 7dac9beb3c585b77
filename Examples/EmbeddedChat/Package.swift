// swift-tools-version: 6.2
// An application of its own that embeds the chat: its route `/hello`, and the whole chat under `/api`.
import PackageDescription

let package = Package(
    name: "EmbeddedChat",
    platforms: [.macOS(.v15)],
    dependencies: [
        // The chat, by path: this folder lives inside its repository.
        .package(name: "chat-backend", path: "../.."),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
    ],
    targets: [
        .target(
            name: "EmbeddedChat",
            dependencies: [
                .product(name: "ChatServer", package: "chat-backend"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
            ]
        ),
        .executableTarget(name: "embedded-chat", dependencies: ["EmbeddedChat"]),
        .testTarget(
            name: "EmbeddedChatTests",
            dependencies: [
                "EmbeddedChat",
                .product(name: "ChatDomain", package: "chat-backend"),
                .product(name: "ChatInMemory", package: "chat-backend"),
                .product(name: "ChatServer", package: "chat-backend"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "MetricsTestKit", package: "swift-metrics"),
            ]
        ),
    ]
)
