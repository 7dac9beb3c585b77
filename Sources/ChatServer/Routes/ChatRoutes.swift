import ChatDomain
import Hummingbird

/// `/chats`: the chat list, groups and direct chats, participants and roles.
struct ChatRoutes {
    let services: ChatServices
    let maxBody: Int

    struct CreateGroupBody: Decodable {
        var name: String
        var participantIds: [UserID]
    }

    struct DirectBody: Decodable {
        var userId: UserID
    }

    struct UpdateBody: Decodable {
        var name: String?
    }

    struct ParticipantBody: Decodable {
        var userId: UserID
    }

    struct RoleBody: Decodable {
        var role: Role
    }

    func register(on group: RouterGroup<ChatRequestContext>) {
        group.get { request, context in
            try await services.listChats(context.user()).map { ChatView($0) }
        }
        group.post { request, context in
            let body = try await request.decodeJSON(as: CreateGroupBody.self, limit: maxBody)
            let chat = try await services.createGroup(creator: context.user(), name: body.name, participants: body.participantIds)
            return EditedResponse(status: .created, response: try await view(chat.summary.chat.id, for: context.user()))
        }
        group.post("private") { request, context in
            let body = try await request.decodeJSON(as: DirectBody.self, limit: maxBody)
            let (chat, created) = try await services.openDirect(context.user(), with: body.userId)
            return EditedResponse(status: created ? .created : .ok, response: try await view(chat.summary.chat.id, for: context.user()))
        }
        group.get(":chatId") { request, context in
            try await view(context.id("chatId", as: ChatID.self), for: context.user())
        }
        group.patch(":chatId") { request, context in
            let body = try await request.decodeJSON(as: UpdateBody.self, limit: maxBody)
            let chatID = try context.id("chatId", as: ChatID.self)
            _ = try await services.updateChat(chatID, by: context.user(), name: body.name)
            return try await view(chatID, for: context.user())
        }
        group.delete(":chatId") { request, context in
            try await services.deleteChat(context.id("chatId", as: ChatID.self), by: context.user())
            return Response(status: .noContent)
        }
        group.get(":chatId/participants") { request, context in
            try await services.getChat.participants(of: context.id("chatId", as: ChatID.self), for: context.user())
                .map(ParticipantView.init)
        }
        group.post(":chatId/participants") { request, context in
            let body = try await request.decodeJSON(as: ParticipantBody.self, limit: maxBody)
            let added = try await services.participants.add(
                body.userId, to: context.id("chatId", as: ChatID.self), by: context.user())
            return EditedResponse(status: .created, response: ParticipantView(added))
        }
        group.delete(":chatId/participants/:userId") { request, context in
            try await services.participants.remove(
                context.id("userId", as: UserID.self), from: context.id("chatId", as: ChatID.self), by: context.user())
            return Response(status: .noContent)
        }
        group.patch(":chatId/participants/:userId/role") { request, context in
            let body = try await request.decodeJSON(as: RoleBody.self, limit: maxBody)
            return ParticipantView(
                try await services.participants.setRole(
                    body.role, of: context.id("userId", as: UserID.self), in: context.id("chatId", as: ChatID.self),
                    by: context.user()))
        }
    }

    private func view(_ chatID: ChatID, for user: UserID) async throws -> ChatView {
        async let overview = services.getChat(chatID, for: user)
        async let members = services.getChat.participants(of: chatID, for: user)
        return ChatView(try await overview, participants: try await members)
    }
}
