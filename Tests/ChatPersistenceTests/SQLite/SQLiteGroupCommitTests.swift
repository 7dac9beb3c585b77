import ChatDomain
import ChatPersistence
import Foundation
import GRDB
import Synchronization
import Testing

/// Concurrent appends share transactions on SQLite, and a failing one does not take the others down.
@Suite("SQLite group commit")
struct SQLiteGroupCommitTests {
    @Test func appendsWaitingForTheWriterShareOneTransactionAndFailAlone() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = try await SQLiteDatabase(
            path: directory.path("chat.sqlite"), migrateFrom: try SchemaLocation.resolve(.sqlite))
        let users = SQLiteUserRepository(database), chats = SQLiteChatRepository(database)
        let messages = SQLiteMessageRepository(database)
        let alice = Fixture.user("Alice")
        try await users.create(alice)
        var groups: [Chat] = []
        for index in 0..<5 {
            let chat = Fixture.group("g\(index)")
            try await chats.create(chat, members: [Fixture.member(chat, alice, .admin)])
            groups.append(chat)
        }
        let taken = try await messages.append(Fixture.message(groups[0], from: alice, "first")).message
        let commits = CommitCounter()
        database.pool.add(transactionObserver: commits, extent: .databaseLifetime)

        // Hold the writer so that every append below is pending at once, then let them through.
        let held = DispatchSemaphore(value: 0)
        let holder = Task {
            try await database.pool.write { _ in
                held.signal()
                Thread.sleep(forTimeInterval: 0.5)
            }
        }
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                held.wait()
                continuation.resume()
            }
        }
        let gone = Fixture.group("never stored")
        let duplicate = {
            var message = Fixture.message(groups[1], from: alice, "same id")
            message.id = taken.id
            return message
        }()
        let chatsInTurn = groups
        let outcomes = try await withThrowingTaskGroup(of: (String, Result<Message, any Error>).self) { group in
            for index in 0..<40 {
                let new = Fixture.message(chatsInTurn[index % 5], from: alice, "m\(index)", at: Int64(2_000 + index))
                group.addTask { ("m\(index)", await outcome { try await messages.append(new).message }) }
            }
            group.addTask { ("gone", await outcome { try await messages.append(Fixture.message(gone, from: alice)).message }) }
            group.addTask { ("duplicate", await outcome { try await messages.append(duplicate).message }) }
            return try await group.reduce(into: [String: Result<Message, any Error>]()) { $0[$1.0] = $1.1 }
        }
        try await holder.value

        #expect(throws: DomainError.notFound("chat not found")) { try outcomes["gone"]!.get() }
        #expect(throws: DomainError.self) { try outcomes["duplicate"]!.get() }
        let sent = try (0..<40).map { try outcomes["m\($0)"]!.get() }
        for chat in groups {
            let seqs = sent.filter { $0.chatID == chat.id }.map(\.seq).sorted()
            let first: Int64 = chat.id == groups[0].id ? 2 : 1
            #expect(seqs == Array(first..<first + 8), "gap-free in \(chat.name ?? "")")
            #expect(try await chats.find(id: chat.id)?.lastSeq == first + 7)
        }
        for message in sent { #expect(try await messages.find(id: message.id, in: message.chatID) == message) }
        // 42 appends, nearly all pending together: far fewer commits than appends (the first may go alone).
        #expect((1...4).contains(commits.count), "commits: \(commits.count)")
    }
}

private func outcome<T>(_ body: () async throws -> T) async -> Result<T, any Error> {
    do { return .success(try await body()) } catch { return .failure(error) }
}

private final class CommitCounter: TransactionObserver, Sendable {
    private let commits = Atomic(0)
    var count: Int { commits.load(ordering: .relaxed) }
    func observes(eventsOfKind eventKind: DatabaseEventKind) -> Bool { true }
    func databaseDidChange(with event: DatabaseEvent) {}
    func databaseDidCommit(_ db: Database) { commits.add(1, ordering: .relaxed) }
    func databaseDidRollback(_ db: Database) {}
}
