import ChatDomain
import Foundation
import GRDB

/// A stored value the domain cannot represent (a malformed id, an unknown enum value, an unexpected NULL).
struct SQLiteDecodingError: Error, CustomStringConvertible {
    let column: String
    let value: String?
    var description: String { "unexpected value in column \(column): \(value ?? "NULL")" }
}

extension Row {
    func required<T: DatabaseValueConvertible>(_ column: String, as type: T.Type = T.self) throws -> T {
        guard let value: T = self[column] else { throw SQLiteDecodingError(column: column, value: nil) }
        return value
    }

    func identifier<Entity>(_ column: String) throws -> Identifier<Entity> {
        let text: String = try required(column)
        guard let id = Identifier<Entity>(text) else { throw SQLiteDecodingError(column: column, value: text) }
        return id
    }

    func optionalIdentifier<Entity>(_ column: String) throws -> Identifier<Entity>? {
        guard let text: String = self[column] else { return nil }
        guard let id = Identifier<Entity>(text) else { throw SQLiteDecodingError(column: column, value: text) }
        return id
    }

    func date(_ column: String) throws -> Date { Date(epochMilliseconds: try required(column)) }

    func optionalDate(_ column: String) -> Date? {
        (self[column] as Int64?).map(Date.init(epochMilliseconds:))
    }

    func enumeration<T: RawRepresentable>(_ column: String, as type: T.Type = T.self) throws -> T
    where T.RawValue == String {
        let text: String = try required(column)
        guard let value = T(rawValue: text) else { throw SQLiteDecodingError(column: column, value: text) }
        return value
    }
}

/// Column lists shared by the repositories' queries (static text, never values).
enum SQLiteColumns {
    static let user = "id, email, username, name, password_hash, avatar_file_id, created_at, last_seen_at"
    static let chat = "id, kind, name, avatar_file_id, direct_key, last_seq, created_at, last_activity_at"
    static let membership = "chat_id, user_id, role, joined_at, last_read_seq"
    static let message = """
        id, chat_id, seq, sender_id, content, kind, file_id, reply_to_id, client_message_id, created_at, \
        edited_at, deleted_at, reactions
        """
    static let session = """
        id, user_id, device_type, device_name, user_agent, refresh_token_hash, created_at, last_used_at, \
        expires_at, revoked_at
        """
    static let file = "id, owner_id, storage_key, original_name, mime_type, size, sha256, kind, created_at"
}

extension User {
    init(row: Row) throws {
        self.init(
            id: try row.identifier("id"), email: try row.required("email"), username: try row.required("username"),
            name: try row.required("name"), passwordHash: try row.required("password_hash"),
            avatarFileID: try row.optionalIdentifier("avatar_file_id"), createdAt: try row.date("created_at"),
            lastSeenAt: row.optionalDate("last_seen_at"))
    }
}

extension Chat {
    /// Decodes the chat columns, each named `prefix + column`.
    init(row: Row, prefix: String = "") throws {
        self.init(
            id: try row.identifier(prefix + "id"), kind: try row.enumeration(prefix + "kind"),
            name: row[prefix + "name"], avatarFileID: try row.optionalIdentifier(prefix + "avatar_file_id"),
            createdAt: try row.date(prefix + "created_at"), lastActivityAt: try row.date(prefix + "last_activity_at"),
            lastSeq: try row.required(prefix + "last_seq"), directKey: row[prefix + "direct_key"])
    }
}

extension Membership {
    init(row: Row) throws {
        self.init(
            chatID: try row.identifier("chat_id"), userID: try row.identifier("user_id"),
            role: try row.enumeration("role"), joinedAt: try row.date("joined_at"),
            lastReadSeq: try row.required("last_read_seq"))
    }
}

extension Message {
    /// Decodes the message columns, each named `prefix + column`.
    init(row: Row, prefix: String = "") throws {
        self.init(
            id: try row.identifier(prefix + "id"), chatID: try row.identifier(prefix + "chat_id"),
            seq: try row.required(prefix + "seq"), senderID: try row.identifier(prefix + "sender_id"),
            content: row[prefix + "content"], kind: try row.enumeration(prefix + "kind"),
            fileID: try row.optionalIdentifier(prefix + "file_id"),
            replyToID: try row.optionalIdentifier(prefix + "reply_to_id"),
            clientMessageID: row[prefix + "client_message_id"], createdAt: try row.date(prefix + "created_at"),
            editedAt: row.optionalDate(prefix + "edited_at"), deletedAt: row.optionalDate(prefix + "deleted_at"),
            reactions: ReactionSummaryText.decode(row[prefix + "reactions"]))
    }
}

extension Session {
    init(row: Row) throws {
        self.init(
            id: try row.identifier("id"), userID: try row.identifier("user_id"),
            deviceType: try row.enumeration("device_type"), deviceName: row["device_name"],
            userAgent: row["user_agent"], refreshTokenHash: try row.required("refresh_token_hash"),
            createdAt: try row.date("created_at"), lastUsedAt: try row.date("last_used_at"),
            expiresAt: try row.date("expires_at"), revokedAt: row.optionalDate("revoked_at"))
    }
}

extension StoredFile {
    init(row: Row) throws {
        self.init(
            id: try row.identifier("id"), ownerID: try row.identifier("owner_id"), key: try row.required("storage_key"),
            originalName: try row.required("original_name"), mimeType: try row.required("mime_type"),
            size: try row.required("size"), sha256: try row.required("sha256"), kind: try row.enumeration("kind"),
            createdAt: try row.date("created_at"))
    }
}
