import Hummingbird

/// `GET /openapi.json`: the REST contract as an OpenAPI 3.1 document. The document is
/// `Resources/openapi.json`, compiled into the binary (so a deployed executable needs no resource folder);
/// tests hold it to the routes the router really registers.
struct OpenAPIRoutes {
    func register(on router: RouterGroup<ChatRequestContext>) {
        router.get("openapi.json") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(bytes: PackageResources.openapi_json)))
        }
    }
}
