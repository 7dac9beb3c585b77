import Foundation
import GRDB

extension SQLiteDatabase {
    /// The `detail` lines of `EXPLAIN QUERY PLAN` for `sql`, e.g.
    /// "SEARCH messages USING INDEX messages_chat_seq (chat_id=? AND seq<?)".
    package func queryPlan(_ sql: String, _ arguments: StatementArguments) async throws -> [String] {
        try await read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql, arguments: arguments).map { row in
                try row.required("detail", as: String.self)
            }
        }
    }

    /// The first column of every row of a read-only statement, as text (NULL as "NULL").
    package func column(_ sql: String) async throws -> [String] {
        try await read { db in
            try Row.fetchAll(db, sql: sql).map { row in
                let value: DatabaseValue = row[0]
                switch value.storage {
                case .null: return "NULL"
                case .int64(let number): return String(number)
                case .double(let number): return String(number)
                case .string(let text): return text
                case .blob(let data): return data.base64EncodedString()
                }
            }
        }
    }
}
