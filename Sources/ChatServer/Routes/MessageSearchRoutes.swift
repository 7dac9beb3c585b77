import ChatDomain
import Hummingbird

/// `/messages/search`: full-text search over the messages of the caller's chats.
struct MessageSearchRoutes {
    let services: ChatServices

    func register(on group: RouterGroup<ChatRequestContext>) {
        group.get("search") { request, context in
            let parameters = request.uri.queryParameters
            var chatID: ChatID?
            if let raw = parameters.get("chatId") {
                guard let id = ChatID(raw) else { throw DomainError.invalid(field: "chatId", reason: "must be a UUID") }
                chatID = id
            }
            let page = try await services.searchMessages(
                query: parameters.get("q") ?? "", for: context.user(), in: chatID, limit: request.queryInteger("limit"),
                cursor: parameters.get("cursor"))
            return MessageSearchView(page)
        }
    }
}
