import Hummingbird

extension EngineIOServer {
    /// Registers the HTTP long-polling endpoint on `router` at `configuration.path` (with or without a
    /// trailing slash) for GET, POST, OPTIONS (CORS preflight) and, to answer them with Engine.IO's 400,
    /// PUT, PATCH and DELETE.
    ///
    /// The WebSocket transport is served by the application's server: `Application(server: .engineIO(engine))`.
    public func mount<Context: RequestContext>(on router: Router<Context>) {
        let path = RouterPath(configuration.normalizedPath)
        for method in [HTTPRequest.Method.get, .post, .options, .put, .patch, .delete] {
            router.on(path, method: method) { request, context in
                await self.respond(to: request, context: context)
            }
        }
    }
}
