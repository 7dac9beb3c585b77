import ChatDomain
import ChatPersistence
import Foundation
import Testing

/// The orphan clean-up walks the files' primary key and checks each reference on its index: never a scan of
/// messages, users or chats.
@Suite("SQLite query plans: unreferenced files")
struct SQLiteFileOrphanQueryPlanTests {
    static let references = [
        "SEARCH m USING COVERING INDEX messages_file (file_id=?)",
        "SEARCH u USING COVERING INDEX users_avatar (avatar_file_id=?)",
        "SEARCH c USING COVERING INDEX chats_avatar (avatar_file_id=?)",
    ]

    @Test(arguments: [true, false])
    func aWindowSearchesThePrimaryKeyAndEveryReferenceIndex(bounded: Bool) async throws {
        try await withDatabase { database in
            let id = FileID(UUID()).description
            let plan = try await database.queryPlan(
                SQLiteFileRepository.unreferencedSQL(bounded: bounded), bounded ? [id, id, 0] : [id, 0])
            #expect(plan.first?.hasPrefix("SEARCH files USING INDEX sqlite_autoindex_files_1 (id>?") == true, "\(plan)")
            for reference in Self.references { #expect(plan.contains { $0.contains(reference) }, "\(plan)") }
            #expect(!plan.contains { $0.hasPrefix("SCAN") || $0.contains("TEMP B-TREE") }, "\(plan)")
        }
    }

    @Test func theDeleteFindsItsRowAndEveryReferenceOnIndexes() async throws {
        try await withDatabase { database in
            let plan = try await database.queryPlan(SQLiteFileRepository.deleteSQL, [FileID(UUID()).description, 0])
            #expect(plan.first == "SEARCH files USING INDEX sqlite_autoindex_files_1 (id=?)", "\(plan)")
            for reference in Self.references { #expect(plan.contains { $0.contains(reference) }, "\(plan)") }
            #expect(!plan.contains { $0.hasPrefix("SCAN") }, "\(plan)")
        }
    }

    private func withDatabase(_ body: (SQLiteDatabase) async throws -> Void) async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = try await SQLiteDatabase(
            path: directory.path("chat.sqlite"), migrateFrom: try SchemaLocation.resolve(.sqlite))
        try await body(database)
    }
}
