import AsyncHTTPClient
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import NIOHTTP1

/// Serves the requests of sessions another node of the cluster holds, so a load balancer needs no sticky sessions:
/// a long-polling request is forwarded over HTTP to that node, and a WebSocket upgrade is relayed to it
/// (`WebSocketRelay`). The node is the one the session id names (`SocketIONodeID`); its address comes from the
/// cluster adapter.
///
/// A forwarded request carries `X-EngineIO-Forwarded-By`, and a node never forwards such a request again: a session
/// that is nowhere gets Engine.IO's "Session ID unknown", as on a single node, never a loop.
final class EngineIOSessionForwarder: Sendable {
    static let forwardedBy = HTTPField.Name("X-EngineIO-Forwarded-By")!
    /// Request fields that belong to one hop (RFC 9110 §7.6.1) or that the client library sets itself.
    private static let hopFields: Set<String> = [
        "connection", "keep-alive", "proxy-connection", "proxy-authorization", "te", "trailer", "transfer-encoding",
        "upgrade", "host", "content-length",
    ]

    /// This node's id.
    let node: String
    let logger: Logger
    private let locate: @Sendable (String) async -> String?

    /// A forwarder for node `node`, finding other nodes' base URLs with `locate`.
    init(node: String, logger: Logger, locate: @escaping @Sendable (String) async -> String?) {
        self.node = node
        self.logger = logger
        self.locate = locate
    }

    /// The node holding session `sid` when that is another node and the request was not forwarded to us already.
    func owner(ofSession sid: String, headers: HTTPFields) -> String? {
        guard headers[Self.forwardedBy] == nil, let owner = SocketIONodeID.node(of: sid), owner != node else { return nil }
        return owner
    }

    /// The base URL (`http://host:port`) of `owner`; nil for a node that is not a live member.
    func address(of owner: String) async -> String? { await locate(owner) }

    /// Forwards a polling request of `owner`'s session and returns that node's answer; nil when the node is unknown
    /// or unreachable (the caller answers "Session ID unknown", and the client opens a new session). A GET whose
    /// client goes away is cancelled upstream, so the owning node sees its poll end as it would have locally.
    func forward(_ request: Request, to owner: String, configuration: EngineIOConfiguration) async -> Response? {
        guard let base = await locate(owner) else { return nil }
        var upstream = HTTPClientRequest(url: base + (request.head.path ?? "/"))
        upstream.method = HTTPMethod(rawValue: request.method.rawValue)
        for field in request.headers where !Self.hopFields.contains(field.name.canonicalName) {
            upstream.headers.add(name: field.name.rawName, value: field.value)
        }
        upstream.headers.replaceOrAdd(name: Self.forwardedBy.rawName, value: node)
        let deadline = configuration.pingInterval + configuration.pingTimeout + .seconds(10)
        let responseLimit = configuration.maxPayload * (EngineIOSession.maxPacketsPerPoll + 1)
        do {
            if request.method == .post {
                upstream.body = .bytes(try await request.body.collect(upTo: configuration.maxPayload))
                return try await Self.send(upstream, deadline: deadline, limit: responseLimit)
            }
            let exchange = Task { try await Self.send(upstream, deadline: deadline, limit: responseLimit) }
            var response = try await request.body.consumeWithInboundCloseHandler { _ in
                try await exchange.value
            } onInboundClosed: {
                exchange.cancel()
            }
            // As for a local poll: watching for the client's close ends the connection after the response.
            response.headers[.connection] = "close"
            return response
        } catch is NIOTooManyBytesError {
            return Response(status: .contentTooLarge, headers: [.connection: "close"])
        } catch {
            logger.info("forwarding to the session's node failed", metadata: ["node": "\(owner)", "error": "\(String(reflecting: type(of: error)))"])
            return nil
        }
    }

    private static func send(_ upstream: HTTPClientRequest, deadline: Duration, limit: Int) async throws -> Response {
        let answer = try await HTTPClient.shared.execute(upstream, timeout: .milliseconds(deadline.milliseconds))
        let body = try await answer.body.collect(upTo: limit)
        var headers = HTTPFields()
        for (name, value) in answer.headers {
            let lowercased = name.lowercased()
            // CORS is answered by this node, as for its own sessions.
            guard !hopFields.contains(lowercased), !lowercased.hasPrefix("access-control-"),
                let fieldName = HTTPField.Name(name)
            else { continue }
            headers.append(HTTPField(name: fieldName, value: value))
        }
        return Response(status: .init(code: Int(answer.status.code)), headers: headers, body: .init(byteBuffer: body))
    }
}
