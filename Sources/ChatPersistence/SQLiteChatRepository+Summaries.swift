import ChatDomain
import Foundation
import GRDB

extension SQLiteChatRepository {
    /// The user's chats in one query, newest activity first (ties by id): each with its participant count,
    /// last message (the one at `last_seq`, a tombstone included), unread count (others' undeleted messages
    /// after the read pointer, counted on the (chat_id, seq) index), the user's role and, for direct chats,
    /// the other member's id.
    public func summaries(for user: UserID) async throws -> [ChatSummary] {
        try await database.read { db in
            try Row.fetchAll(
                db, sql: Self.summarySQL + " WHERE me.user_id = ? ORDER BY c.last_activity_at DESC, c.id",
                arguments: [user.description]
            ).map(Self.summary(row:))
        }
    }

    /// The summary of one chat for a member, as `summaries(for:)` computes it; nil when not a member.
    public func summary(of chat: ChatID, for user: UserID) async throws -> ChatSummary? {
        try await database.read { db in
            try Row.fetchOne(
                db, sql: Self.summarySQL + " WHERE me.user_id = ? AND me.chat_id = ?",
                arguments: [user.description, chat.description]
            ).map(Self.summary(row:))
        }
    }

    static let summarySQL = """
        SELECT
            c.id AS c_id, c.kind AS c_kind, c.name AS c_name, c.avatar_file_id AS c_avatar_file_id,
            c.direct_key AS c_direct_key, c.last_seq AS c_last_seq, c.created_at AS c_created_at,
            c.last_activity_at AS c_last_activity_at,
            me.role AS my_role,
            (SELECT count(*) FROM memberships p WHERE p.chat_id = c.id) AS participant_count,
            (SELECT count(*) FROM messages u
                WHERE u.chat_id = c.id AND u.seq > me.last_read_seq AND u.sender_id <> me.user_id
                  AND u.deleted_at IS NULL) AS unread_count,
            CASE WHEN c.kind = 'DIRECT' THEN
                (SELECT p.user_id FROM memberships p WHERE p.chat_id = c.id AND p.user_id <> me.user_id LIMIT 1)
            END AS peer_id,
            m.id AS m_id, m.chat_id AS m_chat_id, m.seq AS m_seq, m.sender_id AS m_sender_id,
            m.content AS m_content, m.kind AS m_kind, m.file_id AS m_file_id, m.reply_to_id AS m_reply_to_id,
            m.client_message_id AS m_client_message_id, m.created_at AS m_created_at,
            m.edited_at AS m_edited_at, m.deleted_at AS m_deleted_at, m.reactions AS m_reactions
        FROM memberships me
        JOIN chats c ON c.id = me.chat_id
        LEFT JOIN messages m ON m.chat_id = c.id AND m.seq = c.last_seq
        """

    static func summary(row: Row) throws -> ChatSummary {
        let hasLastMessage = (row["m_id"] as String?) != nil
        return ChatSummary(
            chat: try Chat(row: row, prefix: "c_"), participantCount: try row.required("participant_count"),
            lastMessage: hasLastMessage ? try Message(row: row, prefix: "m_") : nil,
            unreadCount: try row.required("unread_count"), myRole: try row.enumeration("my_role"),
            peerID: try row.optionalIdentifier("peer_id"))
    }
}
