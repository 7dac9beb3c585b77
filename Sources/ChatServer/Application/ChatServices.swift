import ChatDomain
import Foundation

/// Every use case, wired once over the chosen adapters. REST routes and the Socket.IO gateway share it,
/// so an action behaves the same whichever way it arrives.
public struct ChatServices: Sendable {
    /// Registers an account: unique email and username, password hashed.
    public let signUp: SignUp
    /// Checks a password and opens a new device session with a fresh token pair.
    public let logIn: LogIn
    /// Trades a refresh token for a new pair; a reused token revokes its whole session.
    public let refresh: RefreshSession
    /// Revokes sessions at once (access tokens stop working, devices are told); logs a user out everywhere.
    public let revoker: SessionRevoker
    /// Ends one of the caller's own sessions: logout, or revoking another device.
    public let revokeSession: RevokeSession
    /// Lists the caller's active sessions, marking the current one.
    public let listSessions: ListSessions
    /// Checks an access token: signature, algorithm, expiry, and that its session is still active.
    public let authenticate: Authenticate
    /// Reads profiles: the caller's own (with email) and others' public ones.
    public let profiles: GetProfile
    /// Changes the caller's name and username.
    public let updateProfile: UpdateProfile
    /// Finds users by the prefix of their username or name.
    public let searchUsers: SearchUsers
    /// Tells whether a username could be taken.
    public let checkUsername: CheckUsername
    /// Lists the caller's chats, newest activity first, with last message and unread count.
    public let listChats: ListChats
    /// Reads one chat and its participants, for members only.
    public let getChat: GetChat
    /// Creates a group chat with the creator as its ADMIN.
    public let createGroup: CreateGroupChat
    /// Gets or creates the one direct chat of a pair of users.
    public let openDirect: OpenDirectChat
    /// Renames a group or changes its avatar (ADMIN or MODERATOR).
    public let updateChat: UpdateChat
    /// Deletes a chat for everyone (a group's ADMIN, or either member of a direct chat).
    public let deleteChat: DeleteChat
    /// Adds, removes and promotes members of a group.
    public let participants: ManageParticipants
    /// Reads a chat's history and single messages, for members only.
    public let readMessages: ReadMessages
    /// Sends a message to a chat the sender belongs to; a retry with the same `clientMessageID` returns the stored one.
    public let sendMessage: SendMessage
    /// Edits and deletes messages, with the author and role rules.
    public let changeMessages: ChangeMessages
    /// Moves the caller's read pointer up to a message; never backwards.
    public let markRead: MarkRead
    /// Full-text search over the messages of the caller's chats.
    public let searchMessages: SearchMessages
    /// Tells a chat that a member started or stopped typing.
    public let typing: Typing
    /// Adds the caller's reaction to a message; idempotent.
    public let react: React
    /// Removes the caller's reaction from a message; removing an absent one is harmless.
    public let unreact: Unreact
    /// The caller's own reactions on messages they were shown (`myReactions` of REST answers).
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
    /// Accounts and profiles.
    public var users: any UserRepository
    /// Chats, their members, roles and read pointers.
    public var chats: any ChatRepository
    /// Messages and chat history.
    public var messages: any MessageRepository
    /// The full-text index of message content.
    public var search: any MessageSearchIndex
    /// Device sessions and their refresh-token hashes.
    public var sessions: any SessionRepository
    /// Metadata of uploaded files.
    public var files: any FileRepository
    /// Reactions on messages, with each message's summary.
    public var reactions: any ReactionRepository

    /// A set of repositories from these adapters.
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
