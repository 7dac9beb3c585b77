import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A user the generator signed up and logged in.
struct LoadUser: Sendable {
    var id: String
    var token: String
    /// Its login; empty for a peer's made-up users.
    var email = ""
}

/// Creates the workload's users and chats over the server's REST API.
struct Setup: Sendable {
    let base: URL
    let password = "benchmark password"
    /// Room for 64 requests in flight to the server (URLSession's default is 6 per host).
    private static let session: URLSession = {
        let configuration = URLSessionConfiguration.default
        configuration.httpMaximumConnectionsPerHost = 64
        configuration.timeoutIntervalForRequest = 120
        return URLSession(configuration: configuration)
    }()

    /// Signs up and logs in `count` users named `prefix-N`, at most `concurrency` at a time.
    func users(_ count: Int, prefix: String, concurrency: Int = 8) async throws -> [LoadUser] {
        try await withThrowingTaskGroup(of: (Int, LoadUser).self) { group in
            var users = [LoadUser?](repeating: nil, count: count)
            var next = 0
            func start() {
                let index = next
                next += 1
                group.addTask { (index, try await user("\(prefix)-\(index)")) }
            }
            for _ in 0..<min(concurrency, count) { start() }
            while let (index, user) = try await group.next() {
                users[index] = user
                if next < count { start() }
            }
            return users.compactMap { $0 }
        }
    }

    /// A group chat made by `creator` with `others` (repeats and the creator itself left out); its id.
    func group(by creator: LoadUser, with others: [LoadUser]) async throws -> String {
        var seen: Set = [creator.id]
        let participants = others.map(\.id).filter { seen.insert($0).inserted }
        let chat = try await post("/chats", ["name": "bench", "participantIds": participants], token: creator.token)
        guard let id = chat["id"] as? String else { throw SetupError("POST /chats answered \(chat)") }
        return id
    }

    private func user(_ name: String) async throws -> LoadUser {
        let handle = name.lowercased().replacingOccurrences(of: "-", with: "_")
        let email = "\(handle)@bench.example"
        _ = try await post("/auth/signup", ["email": email, "password": password, "name": name, "username": handle])
        return try await login(email)
    }

    /// Logs in the user signed up with `email`: a new session and its access token.
    func login(_ email: String) async throws -> LoadUser {
        let login = try await post("/auth/login", ["email": email, "password": password, "deviceType": "MOBILE"])
        guard let token = login["accessToken"] as? String, let id = (login["user"] as? [String: Any])?["id"] as? String else {
            throw SetupError("login of \(email) answered \(login)")
        }
        return LoadUser(id: id, token: token, email: email)
    }

    private func post(_ path: String, _ body: [String: Any], token: String? = nil) async throws -> [String: Any] {
        var request = URLRequest(url: base.appendingPathComponent(path))
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        request.httpBody = try JSONSerialization.data(withJSONObject: body)
        let (data, response) = try await Self.session.data(for: request)
        let status = (response as? HTTPURLResponse)?.statusCode ?? 0
        guard (200..<300).contains(status) else {
            throw SetupError("POST \(path) answered \(status): \(String(decoding: data, as: UTF8.self))")
        }
        return (try JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:]
    }
}

struct SetupError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
