import ChatDomain
import ChatInMemory
import Foundation

/// Every use case wired to the in-memory adapters, sharing one clock, one event bus and one store.
struct World {
    let clock = ManualClock()
    let ids = RandomIDGenerator()
    let events = MemoryEventBus()
    let gate: MemorySessionGate
    /// Shared by every `send`, as the server's one `SendMessage` shares its own.
    let sendLocks = ChatLocks()
    let tokens = TokenServices(
        issuer: FakeTokenIssuer(), refreshTokens: FakeRefreshTokens(), refreshTokenLifetime: 30 * 86_400)
    /// The store behind every repository below.
    let store: MemoryStore
    // The repositories, seen through their ports: tests read state the way the use cases do.
    let users: any UserRepository
    let sessions: any SessionRepository
    let chats: any ChatRepository
    let messages: any MessageRepository
    let files: any FileRepository

    init() {
        let repositories = MemoryRepositories()
        store = repositories.store
        users = repositories.users
        sessions = repositories.sessions
        chats = repositories.chats
        messages = repositories.messages
        files = repositories.files
        gate = MemorySessionGate(sessions: repositories.sessions)
    }

    // MARK: Use cases

    var register: SignUp { SignUp(users: users, hasher: FakePasswordHasher(), clock: clock, ids: ids) }
    var logIn: LogIn {
        LogIn(users: users, sessions: sessions, hasher: FakePasswordHasher(), tokens: tokens, clock: clock, ids: ids)
    }
    var revoker: SessionRevoker { SessionRevoker(sessions: sessions, gate: gate, events: events, clock: clock) }
    var refresh: RefreshSession {
        RefreshSession(users: users, sessions: sessions, revoker: revoker, tokens: tokens, clock: clock)
    }
    var listSessions: ListSessions { ListSessions(sessions: sessions, clock: clock) }
    var revokeSession: RevokeSession { RevokeSession(sessions: sessions, revoker: revoker) }
    var authenticate: Authenticate { Authenticate(issuer: tokens.issuer, gate: gate, clock: clock) }
    var getProfile: GetProfile { GetProfile(users: users) }
    var updateProfile: UpdateProfile { UpdateProfile(users: users) }
    var searchUsers: SearchUsers { SearchUsers(users: users) }
    var checkUsername: CheckUsername { CheckUsername(users: users) }
    var createGroup: CreateGroupChat {
        CreateGroupChat(chats: chats, users: users, events: events, clock: clock, ids: ids)
    }
    var openDirect: OpenDirectChat { OpenDirectChat(chats: chats, users: users, events: events, clock: clock, ids: ids) }
    var listChats: ListChats { ListChats(chats: chats, users: users) }
    var getChat: GetChat { GetChat(chats: chats, users: users) }
    var updateChat: UpdateChat { UpdateChat(chats: chats, users: users, events: events) }
    var deleteChat: DeleteChat { DeleteChat(chats: chats, events: events) }
    var participants: ManageParticipants {
        ManageParticipants(chats: chats, users: users, events: events, clock: clock)
    }
    var send: SendMessage {
        SendMessage(chats: chats, messages: messages, files: files, events: events, clock: clock, ids: ids, locks: sendLocks)
    }
    var readMessages: ReadMessages { ReadMessages(chats: chats, messages: messages) }
    var changeMessages: ChangeMessages {
        ChangeMessages(chats: chats, messages: messages, events: events, clock: clock)
    }
    var markRead: MarkRead { MarkRead(chats: chats, messages: messages, events: events) }
    var typing: Typing { Typing(chats: chats, events: events) }

    // MARK: Shortcuts

    /// Registers `handle` with email `<handle>@example.com`, username `handle` and password `password-<handle>`.
    @discardableResult
    func signUp(_ handle: String, name: String? = nil) async throws -> User {
        try await register(
            email: "\(handle)@example.com", password: Self.password(handle), name: name ?? handle.capitalized,
            username: handle)
    }

    /// Logs `handle` (signed up by `signUp`) in on a new device.
    func login(_ handle: String, device: DeviceType = .mobile) async throws -> AuthResult {
        try await logIn(.username(handle), password: Self.password(handle), device: device, deviceName: nil, userAgent: nil)
    }

    static func password(_ handle: String) -> String { "password-\(handle)" }

    /// A group created by `creator` with `others` as MEMBERs; returns its id.
    func group(_ name: String = "Team", by creator: User, with others: [User] = []) async throws -> ChatID {
        try await createGroup(creator: creator.id, name: name, participants: others.map(\.id)).summary.chat.id
    }

    /// Sends a text message and returns it.
    @discardableResult
    func say(_ text: String, in chat: ChatID, as sender: User, clientMessageID: String? = nil) async throws -> Message {
        try await send(SendMessageRequest(content: text, clientMessageID: clientMessageID), to: chat, from: sender.id)
            .message
    }

    /// The sender's role in the chat, or nil when not a member.
    func role(of user: User, in chat: ChatID) async throws -> Role? {
        try await chats.membership(chat: chat, user: user.id)?.role
    }
}
