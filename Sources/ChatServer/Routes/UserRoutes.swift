import ChatDomain
import Hummingbird

/// `/users`: own profile, public profiles, search, username availability.
struct UserRoutes {
    let services: ChatServices
    let maxBody: Int

    struct ProfileBody: Decodable {
        var name: String?
        var username: String?
    }

    func register(on group: RouterGroup<ChatRequestContext>) {
        group.get("me") { request, context in try await services.profiles.own(context.user()) }
        group.patch("me") { request, context in
            let body = try await request.decodeJSON(as: ProfileBody.self, limit: maxBody)
            return try await services.updateProfile(context.user(), name: body.name, username: body.username)
        }
        group.get("search") { request, context in
            let (items, next) = try await services.searchUsers(
                query: request.uri.queryParameters.get("q") ?? "", limit: request.queryInteger("limit"),
                cursor: request.uri.queryParameters.get("cursor"))
            return UserSearchView(items: items, nextCursor: next)
        }
        group.get("check-username/:username") { request, context in
            AvailabilityView(available: try await services.checkUsername(context.parameters.require("username")))
        }
        group.get(":userId") { request, context in
            try await services.profiles.public(context.id("userId", as: UserID.self))
        }
    }
}
