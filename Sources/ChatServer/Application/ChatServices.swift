import ChatDomain
import Foundation

/// Every use case, wired once over the chosen adapters. REST routes and the Socket.IO gateway share it,
/// so an action behaves the same whichever way it arrives.
public struct ChatServices: Sendable {
    public let signUp: SignUp
    public let logIn: LogIn
    public let refresh: RefreshSession
    public let revoker: SessionRevoker
    public let revokeSession: RevokeSession
    public let listSessions: ListSessions
    public let authenticate: Authenticate
    public let profiles: GetProfile
    public let updateProfile: UpdateProfile
    public let searchUsers: SearchUsers
    public let checkUsername: CheckUsername
    public let listChats: ListChats
    public let getChat: GetChat
    public let createGroup: CreateGroupChat
    public let openDirect: OpenDirectChat
    public let updateChat: UpdateChat
    public let deleteChat: DeleteChat
    public let participants: ManageParticipants
    public let readMessages: ReadMessages
    public let sendMessage: SendMessage
    public let changeMessages: ChangeMessages
    public let markRead: MarkRead
    public let searchMessages: SearchMessages
    public let typing: Typing
    public let react: React
    public let unreact: Unreact
    public let myReactions: MyReactions

    /// Wires the use cases over these ports.
    public init(
        repositories: Repositories, hasher: any PasswordHasher, tokens: TokenServices, gate: any SessionGate,
        events: any EventBus, clock: any Clock = SystemClock(), ids: any IDGenerator = RandomIDGenerator()
    ) {
        let users = repositories.users, chats = repositories.chats, messages = repositories.messages
        let sessions = repositories.sessions
        signUp = SignUp(users: users, hasher: hasher, clock: clock, ids: ids)
        logIn = LogIn(users: users, sessions: sessions, hasher: hasher, tokens: tokens, clock: clock, ids: ids)
        revoker = SessionRevoker(sessions: sessions, gate: gate, events: events, clock: clock)
        refresh = RefreshSession(users: users, sessions: sessions, revoker: revoker, tokens: tokens, clock: clock)
        revokeSession = RevokeSession(sessions: sessions, revoker: revoker)
        listSessions = ListSessions(sessions: sessions, clock: clock)
        authenticate = Authenticate(issuer: tokens.issuer, gate: gate, clock: clock)
        profiles = GetProfile(users: users)
        updateProfile = UpdateProfile(users: users)
        searchUsers = SearchUsers(users: users)
        checkUsername = CheckUsername(users: users)
        listChats = ListChats(chats: chats, users: users)
        getChat = GetChat(chats: chats, users: users)
        createGroup = CreateGroupChat(chats: chats, users: users, events: events, clock: clock, ids: ids)
        openDirect = OpenDirectChat(chats: chats, users: users, events: events, clock: clock, ids: ids)
        updateChat = UpdateChat(chats: chats, users: users, events: events)
        deleteChat = DeleteChat(chats: chats, events: events)
        participants = ManageParticipants(chats: chats, users: users, events: events, clock: clock)
        readMessages = ReadMessages(chats: chats, messages: messages)
        sendMessage = SendMessage(
            chats: chats, messages: messages, files: repositories.files, events: events, clock: clock, ids: ids)
        changeMessages = ChangeMessages(chats: chats, messages: messages, events: events, clock: clock)
        markRead = MarkRead(chats: chats, messages: messages, events: events)
        searchMessages = SearchMessages(chats: chats, index: repositories.search)
        typing = Typing(chats: chats, events: events)
        // One lock per chat for both, so a chat's reaction changes are announced in commit order.
        let reactionLocks = ChatLocks()
        react = React(chats: chats, reactions: repositories.reactions, events: events, clock: clock, locks: reactionLocks)
        unreact = Unreact(chats: chats, reactions: repositories.reactions, events: events, locks: reactionLocks)
        myReactions = MyReactions(reactions: repositories.reactions)
    }
}

/// The repositories of one database, whichever adapter provides them.
public struct Repositories: Sendable {
    public var users: any UserRepository
    public var chats: any ChatRepository
    public var messages: any MessageRepository
    public var search: any MessageSearchIndex
    public var sessions: any SessionRepository
    public var files: any FileRepository
    public var reactions: any ReactionRepository

    public init(
        users: any UserRepository, chats: any ChatRepository, messages: any MessageRepository,
        search: any MessageSearchIndex,
        sessions: any SessionRepository, files: any FileRepository, reactions: any ReactionRepository
    ) {
        self.users = users
        self.chats = chats
        self.messages = messages
        self.search = search
        self.sessions = sessions
        self.files = files
        self.reactions = reactions
    }
}
