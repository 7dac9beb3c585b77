import Foundation
import Testing

/// Reactions over python-socketio and REST (`Python/reaction_scenario.py`): acks, broadcasts, concurrent reactions from
/// many devices keeping the summary exact, and the refusals.
@Suite(
    "python-socketio reactions end to end",
    .enabled(if: ProcessInfo.processInfo.environment["CHAT_TEST_PYTHON"] != nil, "set CHAT_TEST_PYTHON to run"))
struct ReactionScenarioTests {
    static let scenario = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Python/reaction_scenario.py").path

    @Test(arguments: ["polling", "websocket"])
    func reactionScenarioPasses(transport: String) async throws {
        try await withServer { api in
            let port = try #require(api.client.port)
            let result = try await runPython(Self.scenario, "http://127.0.0.1:\(port)", transport)
            #expect(result.status == 0, "scenario (\(transport)) failed:\n\(result.output)")
            #expect(result.output.contains("scenario passed"))
        }
    }
}
