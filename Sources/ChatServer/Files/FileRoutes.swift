import ChatDomain
import ChatStorage
import Foundation
import HTTPTypes
import Hummingbird

/// `/files`: streamed uploads and downloads (for signed-in users; the group carries the authentication).
struct FileRoutes {
    let files: FileServices

    func register(on group: RouterGroup<ChatRequestContext>) {
        group.post("upload") { request, context in
            let owner = try context.user()
            let form = try await MultipartForm.open(request, limit: files.upload.maximumBytes)
            let file = try await files.upload(FileUpload(owner: owner, fileName: form.fileName, chunks: form.reader.fileChunks))
            await form.reader.drain()
            return EditedResponse(status: .created, response: FileView(file))
        }
        group.get(":fileId") { request, context in
            switch try await files.read(context.id("fileId", as: FileID.self), for: context.user()) {
            case .redirect(_, let url):
                return Response(status: .found, headers: [.location: url.absoluteString, .cacheControl: "private, no-store"])
            case .content(let file, let content):
                return Self.download(file, content)
            }
        }
    }

    /// The bytes of a local blob, streamed, with headers that stop browsers from sniffing or running them.
    static func download(_ file: StoredFile, _ content: BlobContent) -> Response {
        let length = content.info.size >= 0 ? content.info.size : file.size
        var headers: HTTPFields = [
            .contentType: file.mimeType,
            .contentLength: String(length),
            .contentDisposition: ContentDisposition.header(fileName: file.originalName, mimeType: file.mimeType),
            .cacheControl: "private, max-age=300",
            .contentSecurityPolicy: "default-src 'none'; sandbox",
        ]
        headers[HTTPField.Name("X-Content-Type-Options")!] = "nosniff"
        let chunks = content.chunks
        let body = ResponseBody(contentLength: Int(length)) { writer in
            for try await chunk in chunks {
                try await writer.write(ByteBuffer(data: chunk))
            }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: headers, body: body)
    }
}

/// The `file` field of a multipart request, opened: its client-given name and a reader positioned on its bytes.
struct MultipartForm {
    let fileName: String
    let reader: MultipartFileReader

    /// Opens the `file` field of `request` for a file of at most `limit` bytes. Throws what
    /// `MultipartFileReader` throws, and `.invalid` naming `file` when the body has no such field.
    static func open(_ request: Request, limit: Int64) async throws -> MultipartForm {
        let reader = try MultipartFileReader(request, fileLimit: limit)
        guard let name = try await reader.openFile(field: "file") else {
            throw DomainError.invalid(field: "file", reason: "a multipart field named file is required")
        }
        return MultipartForm(fileName: name, reader: reader)
    }
}
