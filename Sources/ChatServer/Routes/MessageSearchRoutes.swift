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
            let user = try context.user()
            let page = try await services.searchMessages(
                query: parameters.get("q") ?? "", for: user, in: chatID, limit: request.queryInteger("limit"),
                cursor: parameters.get("cursor"))
            return MessageSearchView(page, mine: try await services.myReactions(user, on: page.items))
        }
    }
}
