import Foundation
import Testing
import Yams

@testable import ChatServer

/// `docs/asyncapi.yaml` stays true: its client events are the ones the gateway registers, its server events the ones
/// the server emits, and every reference in it resolves.
@Suite("AsyncAPI document")
struct AsyncAPIDocumentTests {
    static let location = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("docs/asyncapi.yaml")

    let document: [String: Any]

    init() throws {
        let text = try String(contentsOf: Self.location, encoding: .utf8)
        document = try #require(try Yams.load(yaml: text) as? [String: Any], "docs/asyncapi.yaml is not a mapping")
    }

    @Test func isAnAsyncAPI3DocumentOfTheDefaultNamespace() {
        #expect(document["asyncapi"] as? String == "3.0.0")
        let channels = document["channels"] as? [String: Any]
        #expect((channels?["default"] as? [String: Any])?["address"] as? String == "/")
    }

    @Test func clientEventsAreExactlyTheOnesTheGatewayRegisters() {
        #expect(events(action: "receive") == Set(ClientEvent.allCases.map(\.rawValue)))
    }

    @Test func serverEventsAreExactlyTheOnesTheServerEmits() {
        #expect(events(action: "send") == Set(ServerEvent.allCases.map(\.rawValue)))
    }

    @Test func everyClientEventDocumentsItsPayloadAndAck() throws {
        let operations = try #require(document["operations"] as? [String: Any])
        for (key, value) in operations {
            let operation = value as? [String: Any] ?? [:]
            let messages = (operation["messages"] as? [Any] ?? []) + ((operation["reply"] as? [String: Any])?["messages"] as? [Any] ?? [])
            for message in messages {
                #expect(resolve(message)["payload"] != nil, "\(key): a message without a payload")
            }
            if operation["action"] as? String == "receive" {
                #expect((operation["reply"] as? [String: Any])?["messages"] != nil, "\(key) has no ack")
            }
        }
    }

    @Test func everyReferenceResolves() {
        #expect(references(in: document).filter { target(of: $0) == nil }.sorted() == [])
    }

    /// The Socket.IO event names (`name` of each message) of the operations with `action`.
    private func events(action: String) -> Set<String> {
        let operations = (document["operations"] as? [String: Any] ?? [:]).values.compactMap { $0 as? [String: Any] }
        return Set(
            operations.filter { $0["action"] as? String == action }
                .flatMap { ($0["messages"] as? [Any]) ?? [] }
                .compactMap { resolve($0)["name"] as? String })
    }

    private func resolve(_ value: Any) -> [String: Any] {
        guard let object = value as? [String: Any] else { return [:] }
        guard let reference = object["$ref"] as? String else { return object }
        return resolve(target(of: reference) as Any)
    }

    private func target(of reference: String) -> Any? {
        guard reference.hasPrefix("#/") else { return nil }
        return reference.dropFirst(2).split(separator: "/").reduce(document as Any?) { node, key in
            (node as? [String: Any])?[String(key)]
        }
    }

    private func references(in value: Any) -> [String] {
        if let object = value as? [String: Any] {
            let own = (object["$ref"] as? String).map { [$0] } ?? []
            return own + object.values.flatMap(references(in:))
        }
        return (value as? [Any])?.flatMap(references(in:)) ?? []
    }
}
