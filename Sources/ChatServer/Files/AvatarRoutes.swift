import ChatDomain
import Hummingbird

/// `PATCH /users/me/avatar` and `PATCH /chats/:chatId/avatar`: a multipart `file` field holding an image.
/// Registered on the authenticated `/users` and `/chats` groups beside their other routes.
struct AvatarRoutes {
    let files: FileServices
    let services: ChatServices

    /// The user route answers the own profile, the chat route the chat view; both with `avatarUrl` = `/files/<id>`.
    func register(users: RouterGroup<ChatRequestContext>, chats: RouterGroup<ChatRequestContext>) {
        users.patch("me/avatar") { request, context in
            let form = try await MultipartForm.open(request, limit: files.upload.maximumBytes)
            let profile = try await files.avatars.forUser(context.user(), fileName: form.fileName, chunks: form.reader.fileChunks)
            await form.reader.drain()
            return profile
        }
        chats.patch(":chatId/avatar") { request, context in
            let chatID = try context.id("chatId", as: ChatID.self)
            let user = try context.user()
            let form = try await MultipartForm.open(request, limit: files.upload.maximumBytes)
            _ = try await files.avatars.forChat(chatID, by: user, fileName: form.fileName, chunks: form.reader.fileChunks)
            await form.reader.drain()
            async let overview = services.getChat(chatID, for: user)
            async let members = services.getChat.participants(of: chatID, for: user)
            return ChatView(try await overview, participants: try await members)
        }
    }
}
