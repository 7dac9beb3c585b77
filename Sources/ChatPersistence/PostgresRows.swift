import ChatDomain
import Foundation
import PostgresNIO

/// Column lists and row decoders shared by the PostgreSQL repositories. Times are stored as Unix epoch
/// milliseconds (`bigint`), as in the SQLite schema.
enum PostgresRows {
    static func millis(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded()) }
    static func date(_ millis: Int64) -> Date { Date(timeIntervalSince1970: Double(millis) / 1000) }
    static func optionalDate(_ millis: Int64?) -> Date? { millis.map { date($0) } }

    static let userColumns = "id, email, username, name, password_hash, avatar_file_id, created_at, last_seen_at"
    static let chatColumns = "id, kind, name, avatar_file_id, created_at, last_activity_at, last_seq, direct_key"
    static let membershipColumns = "chat_id, user_id, role, joined_at, last_read_seq"
    static let sessionColumns = """
        id, user_id, device_type, device_name, user_agent, refresh_token_hash, created_at, last_used_at, \
        expires_at, revoked_at
        """
    static let fileColumns = "id, owner_id, storage_key, original_name, mime_type, size, sha256, kind, created_at"

    /// The message columns, each prefixed with `alias.` when given.
    static func messageColumns(_ alias: String? = nil) -> String {
        let names = [
            "id", "chat_id", "seq", "sender_id", "content", "kind", "file_id", "reply_to_id", "client_message_id",
            "created_at", "edited_at", "deleted_at", "reactions",
        ]
        return qualified(names.joined(separator: ", "), with: alias)
    }

    /// `columns` (comma-separated) with each name prefixed by `alias.`; unchanged when `alias` is nil.
    static func qualified(_ columns: String, with alias: String?) -> String {
        guard let alias else { return columns }
        return columns.components(separatedBy: ", ").map { "\(alias).\($0)" }.joined(separator: ", ")
    }

    static func user(_ row: PostgresRow) throws -> User {
        var cells = PostgresCells(row)
        return User(
            id: UserID(try cells.next(UUID.self)), email: try cells.next(), username: try cells.next(),
            name: try cells.next(), passwordHash: try cells.next(),
            avatarFileID: try cells.next(UUID?.self).map { FileID($0) }, createdAt: date(try cells.next(Int64.self)),
            lastSeenAt: optionalDate(try cells.next(Int64?.self))
        )
    }

    static func chat(_ row: PostgresRow) throws -> Chat {
        var cells = PostgresCells(row)
        return try chat(&cells)
    }

    static func chat(_ cells: inout PostgresCells) throws -> Chat {
        Chat(
            id: ChatID(try cells.next(UUID.self)), kind: try cells.enumeration(Chat.Kind.self),
            name: try cells.next(String?.self), avatarFileID: try cells.next(UUID?.self).map { FileID($0) },
            createdAt: date(try cells.next(Int64.self)), lastActivityAt: date(try cells.next(Int64.self)),
            lastSeq: try cells.next(Int64.self), directKey: try cells.next(String?.self)
        )
    }

    static func membership(_ row: PostgresRow) throws -> Membership {
        var cells = PostgresCells(row)
        return Membership(
            chatID: ChatID(try cells.next(UUID.self)), userID: UserID(try cells.next(UUID.self)),
            role: try cells.enumeration(Role.self), joinedAt: date(try cells.next(Int64.self)),
            lastReadSeq: try cells.next(Int64.self)
        )
    }

    static func message(_ row: PostgresRow) throws -> Message {
        var cells = PostgresCells(row)
        return try message(&cells)
    }

    static func message(_ cells: inout PostgresCells) throws -> Message {
        Message(
            id: MessageID(try cells.next(UUID.self)), chatID: ChatID(try cells.next(UUID.self)),
            seq: try cells.next(Int64.self), senderID: UserID(try cells.next(UUID.self)),
            content: try cells.next(String?.self), kind: try cells.enumeration(Message.Kind.self),
            fileID: try cells.next(UUID?.self).map { FileID($0) }, replyToID: try cells.next(UUID?.self).map { MessageID($0) },
            clientMessageID: try cells.next(String?.self), createdAt: date(try cells.next(Int64.self)),
            editedAt: optionalDate(try cells.next(Int64?.self)), deletedAt: optionalDate(try cells.next(Int64?.self)),
            reactions: ReactionSummaryText.decode(try cells.next(String?.self))
        )
    }

    static func session(_ row: PostgresRow) throws -> Session {
        var cells = PostgresCells(row)
        return try session(remaining: &cells)
    }

    static func session(remaining cells: inout PostgresCells) throws -> Session {
        Session(
            id: SessionID(try cells.next(UUID.self)), userID: UserID(try cells.next(UUID.self)),
            deviceType: try cells.enumeration(DeviceType.self), deviceName: try cells.next(String?.self),
            userAgent: try cells.next(String?.self), refreshTokenHash: try cells.next(String.self),
            createdAt: date(try cells.next(Int64.self)), lastUsedAt: date(try cells.next(Int64.self)),
            expiresAt: date(try cells.next(Int64.self)), revokedAt: optionalDate(try cells.next(Int64?.self))
        )
    }

    static func file(_ row: PostgresRow) throws -> StoredFile {
        var cells = PostgresCells(row)
        return StoredFile(
            id: FileID(try cells.next(UUID.self)), ownerID: UserID(try cells.next(UUID.self)),
            key: try cells.next(String.self), originalName: try cells.next(String.self),
            mimeType: try cells.next(String.self), size: try cells.next(Int64.self), sha256: try cells.next(String.self),
            kind: try cells.enumeration(StoredFile.Kind.self), createdAt: date(try cells.next(Int64.self))
        )
    }
}

/// Reads a row's cells left to right.
struct PostgresCells {
    private let row: PostgresRandomAccessRow
    private var index = 0

    init(_ row: PostgresRow) { self.row = row.makeRandomAccess() }

    /// True when the next cell is SQL NULL.
    var nextIsNull: Bool { row[index].bytes == nil }

    /// The next cell, decoded as `T` (optional types accept NULL).
    mutating func next<T: PostgresDecodable>(_: T.Type = T.self) throws -> T {
        defer { index += 1 }
        return try row[index].decode(T.self)
    }

    /// The next cell, a text column holding a raw value of `T`; throws on an unknown value.
    mutating func enumeration<T: RawRepresentable>(_: T.Type) throws -> T where T.RawValue == String {
        let raw = try next(String.self)
        guard let value = T(rawValue: raw) else { throw PostgresUnexpectedValue(column: index - 1, value: raw) }
        return value
    }
}

/// A stored value the domain does not know (the schema's CHECK constraints should make this impossible).
struct PostgresUnexpectedValue: Error {
    var column: Int
    var value: String
}
