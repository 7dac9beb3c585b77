import Foundation
import HummingbirdTesting
import Testing

extension PollingSocket {
    /// Emits `event` with the JSON `payload` and ack id `id`, then polls until the ack arrives; returns the ack's
    /// first argument parsed as JSON (packets other than the ack, such as broadcasts, are skipped).
    func call(_ event: String, _ payload: [String: Any], id: Int) async throws -> [String: Any] {
        let arguments = try JSONSerialization.data(withJSONObject: [event, payload])
        try await post("42\(id)\(String(decoding: arguments, as: UTF8.self))")
        for _ in 0..<10 {
            let answer = try await Self.send(TestClient.Request(uri, method: .get), port: port)
            for packet in answer.split(separator: "\u{1E}") where packet.hasPrefix("43\(id)[") {
                let json = try JSONSerialization.jsonObject(with: Data(packet.dropFirst("43\(id)".count).utf8)) as? [Any]
                return try #require(json?.first as? [String: Any], "ack \(packet)")
            }
        }
        Issue.record("no ack for \(event)")
        return [:]
    }
}
