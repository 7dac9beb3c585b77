import Foundation
import HummingbirdTesting
import Testing

extension PollingSocket {
    /// Polls until `count` events named `event` whose payload matches `predicate` have arrived (at most `polls` polls,
    /// each of which waits until the server has something to send); returns their payloads in the order they came.
    /// Other packets are skipped.
    func events(
        _ event: String, count: Int = 1, polls: Int = 10, where predicate: ([String: Any]) -> Bool = { _ in true }
    ) async throws -> [[String: Any]] {
        var found: [[String: Any]] = []
        var remaining = polls
        while found.count < count, remaining > 0 {
            remaining -= 1
            let answer = try await Self.send(TestClient.Request(uri, method: .get), port: port)
            for packet in answer.split(separator: "\u{1E}") where packet.hasPrefix("42[") {
                let json = try JSONSerialization.jsonObject(with: Data(packet.dropFirst(2).utf8)) as? [Any]
                guard json?.first as? String == event, let payload = json?.dropFirst().first as? [String: Any],
                    predicate(payload)
                else { continue }
                found.append(payload)
            }
        }
        return found
    }
}
