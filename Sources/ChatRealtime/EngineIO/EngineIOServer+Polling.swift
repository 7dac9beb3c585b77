import Foundation
import Hummingbird
import HummingbirdCore
import HTTPTypes
import NIOCore

extension EngineIOServer {
    /// Answers any HTTP request made to the Engine.IO path: the polling handshake, GET (receive), POST
    /// (send), CORS preflight, and a JSON 400 `{"code": N, "message": "..."}` for everything else (wrong
    /// `EIO`, unknown transport, unknown `sid`, bad method, malformed body). Never throws.
    ///
    /// A pending GET whose client disconnects closes the session; such responses carry `Connection: close`.
    public func respond(to request: Request, context: some RequestContext) async -> Response {
        let origin = request.headers[.origin]
        var response = await route(request, context: context)
        addCORSHeaders(to: &response.headers, origin: origin)
        // The connection is closed after the response when the client asked for it; say so, or a client
        // pooling connections may reuse a socket that is about to close.
        if request.headers[.connection]?.lowercased().contains("close") == true {
            response.headers[.connection] = "close"
        }
        return response
    }

    private func route(_ request: Request, context: some RequestContext) async -> Response {
        if request.method == .options { return Response(status: .noContent, headers: preflightHeaders(for: request)) }
        let query = Self.queryDictionary(request.uri)
        guard query["EIO"] == "4" else { return Self.errorResponse(.unsupportedProtocolVersion) }
        guard query["transport"] == EngineIOTransportKind.polling.rawValue else {
            return Self.errorResponse(query["transport"] == "websocket" ? .badRequest : .unknownTransport)
        }
        guard let sid = query["sid"] else {
            guard request.method == .get else { return Self.errorResponse(.badHandshakeMethod) }
            return await handshake(request, query: query)
        }
        guard let session = registry[sid] else {
            if let (forwarder, owner) = foreignOwner(ofSession: sid, headers: request.headers),
                let answer = await forwarder.forward(request, to: owner, configuration: configuration)
            {
                return answer
            }
            return Self.errorResponse(.unknownSessionID)
        }
        switch request.method {
        case .get: return await poll(session, request: request)
        case .post: return await post(to: session, request: request)
        default: return Self.errorResponse(.badRequest)
        }
    }

    private func handshake(_ request: Request, query: [String: String]) async -> Response {
        let handshake = EngineIOHandshake(headers: request.headers, query: query)
        let (_, open) = await openSession(handshake: handshake, transport: .polling, eventLoop: timerEventLoop)
        return Self.textResponse(EngineIOPollingPayload.encode([open]))
    }

    private func poll(_ session: EngineIOSession, request: Request) async -> Response {
        let frames: [EngineFrame]?
        let ticket = PollTicket()
        do {
            frames = try await request.body.consumeWithInboundCloseHandler { _ in
                await session.poll(ticket)
            } onInboundClosed: {
                ticket.markAborted()
                Task { await session.pollAborted(ticket) }
            }
        } catch {
            frames = nil
        }
        guard let frames else { return Self.errorResponse(.badRequest, closeConnection: true) }
        var response = Self.textResponse(EngineIOPollingPayload.encode(frames))
        response.headers[.connection] = "close"
        return response
    }

    private func post(to session: EngineIOSession, request: Request) async -> Response {
        let body: ByteBuffer
        do {
            body = try await request.body.collect(upTo: configuration.maxPayload)
        } catch is NIOTooManyBytesError {
            await session.finish(.transportError)
            return Response(status: .contentTooLarge, headers: [.connection: "close"])
        } catch {
            // The body broke HTTP framing or ended early: the transport is unusable.
            await session.finish(.transportError)
            return Self.errorResponse(.badRequest, closeConnection: true)
        }
        switch await session.receivePolling(body) {
        case .accepted: return Self.textResponse(ByteBuffer(string: "ok"))
        case .rejected: return Self.errorResponse(.badRequest)
        }
    }

    static func textResponse(_ body: ByteBuffer) -> Response {
        Response(
            status: .ok,
            headers: [.contentType: "text/plain; charset=UTF-8"],
            body: .init(byteBuffer: body)
        )
    }

    static func errorResponse(_ error: EngineIOError, closeConnection: Bool = false) -> Response {
        var headers: HTTPFields = [.contentType: "application/json"]
        if closeConnection { headers[.connection] = "close" }
        return Response(
            status: error == .forbidden ? .forbidden : .badRequest,
            headers: headers,
            body: .init(byteBuffer: ByteBuffer(string: error.body))
        )
    }

    /// Query parameters, percent-decoded; a repeated name keeps its first value.
    static func queryDictionary(_ uri: URI) -> [String: String] {
        var result: [String: String] = [:]
        for (key, value) in uri.queryParameters where result[String(key)] == nil {
            result[String(key)] = String(value)
        }
        return result
    }
}
