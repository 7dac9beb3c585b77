import ChatServer
import Foundation
import HTTPTypes
import Hummingbird
import Testing

@Suite("Metrics endpoint")
struct MetricsEndpointTests {
    @Test func requestsAreCountedByRoutePatternAndStatusNeverByRawPath() async throws {
        try await withServer { api in
            let first = try await api.send(.get, "/metrics")
            #expect(first.status == .ok)
            #expect(first.headers[.contentType]?.hasPrefix("text/plain; version=0.0.4") == true)
            let series = ["method": "GET", "route": "/users/{userId}", "status": "401"]
            #expect(PrometheusSamples(first.text).value("http_requests_total", series) == nil)

            let id = UUID().uuidString.lowercased()
            for _ in 0..<3 { #expect(try await api.send(.get, "/users/\(id)").status == .unauthorized) }
            #expect(try await api.send(.get, "/no/such/\(id)").status == .notFound)

            let after = try await api.send(.get, "/metrics")
            let samples = PrometheusSamples(after.text)
            #expect(samples.value("http_requests_total", series) == 3)
            #expect(samples.value("http_request_duration_seconds_count", ["method": "GET", "route": "/users/{userId}"]) == 3)
            #expect(samples.value("http_requests_total", ["method": "GET", "route": "NotFound", "status": "404"]) == 1)
            #expect(samples.value("http_requests_total", ["route": "/metrics", "status": "200"]) == 1)
            #expect(!after.text.contains(id))
        }
    }

    @Test func committedMessagesAreCountedOnceAndNoPersonalDataIsExposed() async throws {
        try await withServer { api in
            let alice = try await api.account("alice")
            let chat = try await api.send(.post, "/chats", json: ["name": "Team", "participantIds": []], token: alice.token)
            let messages = "/chats/\(chat.object["id"] as? String ?? "")/messages"
            #expect(try await scrape(api).value("chat_messages_sent_total") == 0)

            let sent = try await api.send(.post, messages, json: ["content": "hi", "clientMessageId": "m-1"], token: alice.token)
            let retried = try await api.send(.post, messages, json: ["content": "hi", "clientMessageId": "m-1"], token: alice.token)
            #expect(sent.status == .created && retried.status == .ok)
            #expect(try await api.send(.post, messages, json: ["content": "again"], token: alice.token).status == .created)

            let text = try await api.send(.get, "/metrics").text
            #expect(PrometheusSamples(text).value("chat_messages_sent_total") == 2)
            for secret in [alice.id, alice.token, "alice@example.com"] { #expect(!text.contains(secret)) }
        }
    }

    @Test func connectedSocketsGaugeFollowsConnectAndDisconnect() async throws {
        try await withServer { api in
            let alice = try await api.account("alice")
            #expect(try await scrape(api).value("chat_socketio_connected_sockets") == 0)
            let socket = try await PollingSocket.connect(api, token: alice.token)
            #expect(try await scrape(api).value("chat_socketio_connected_sockets") == 1)
            try await socket.close()
            var connected = try await scrape(api).value("chat_socketio_connected_sockets")
            for _ in 0..<50 where connected != 0 {
                // The close is handled after its POST is answered.
                try await Task.sleep(for: .milliseconds(100))
                connected = try await scrape(api).value("chat_socketio_connected_sockets")
            }
            #expect(connected == 0)
        }
    }

    @Test func turnedOffThereIsNoMetricsEndpoint() async throws {
        try await withServer(configure: { $0.metricsEnabled = false }) { api in
            let response = try await api.send(.get, "/metrics")
            #expect(response.status == .notFound)
            #expect(try await api.send(.get, "/health").status == .ok)
        }
    }

    private func scrape(_ api: API) async throws -> PrometheusSamples {
        let response = try await api.send(.get, "/metrics")
        #expect(response.status == .ok)
        return PrometheusSamples(response.text)
    }
}
