import ChatDomain
import Foundation
import PostgresNIO

extension PostgresChatRepository {
    /// The user's chats in one query, newest activity first (ties by chat id), each with its participant count,
    /// newest message (a tombstone included), unread count (others' undeleted messages after the read pointer,
    /// counted on the `(chat_id, seq)` index) and, for direct chats, the peer's id.
    public func summaries(for user: UserID) async throws -> [ChatSummary] {
        try await database.collect(Self.summaryQuery(user: user, chat: nil), Self.summary)
    }

    /// The same row as `summaries(for:)` for one chat, or nil when `user` is not a member.
    public func summary(of chat: ChatID, for user: UserID) async throws -> ChatSummary? {
        try await database.collect(Self.summaryQuery(user: user, chat: chat), Self.summary).first
    }

    static func summaryQuery(user: UserID, chat: ChatID?) -> PostgresQuery {
        """
        SELECT \(unescaped: PostgresRows.qualified(PostgresRows.chatColumns, with: "c")),
               me.role, participants.n, unread.n, peer.user_id, \(unescaped: PostgresRows.messageColumns("last"))
        FROM memberships me
        JOIN chats c ON c.id = me.chat_id
        CROSS JOIN LATERAL (SELECT count(*) AS n FROM memberships p WHERE p.chat_id = c.id) participants
        CROSS JOIN LATERAL (
            SELECT count(*) AS n FROM messages m
            WHERE m.chat_id = c.id AND m.seq > me.last_read_seq AND m.sender_id <> me.user_id AND m.deleted_at IS NULL
        ) unread
        LEFT JOIN LATERAL (
            SELECT p.user_id FROM memberships p
            WHERE c.kind = 'DIRECT' AND p.chat_id = c.id AND p.user_id <> me.user_id
            ORDER BY p.joined_at LIMIT 1
        ) peer ON true
        LEFT JOIN LATERAL (
            SELECT * FROM messages m WHERE m.chat_id = c.id ORDER BY m.seq DESC LIMIT 1
        ) last ON true
        WHERE me.user_id = \(user.uuid) AND (\(chat?.uuid)::uuid IS NULL OR c.id = \(chat?.uuid))
        ORDER BY c.last_activity_at DESC, c.id
        """
    }

    static func summary(_ row: PostgresRow) throws -> ChatSummary {
        var cells = PostgresCells(row)
        let chat = try PostgresRows.chat(&cells)
        let role = try cells.enumeration(Role.self)
        let participants = try cells.next(Int64.self)
        let unread = try cells.next(Int64.self)
        let peer = try cells.next(UUID?.self).map { UserID($0) }
        var last: Message?
        if !cells.nextIsNull { last = try PostgresRows.message(&cells) }
        return ChatSummary(
            chat: chat, participantCount: Int(participants), lastMessage: last, unreadCount: Int(unread),
            myRole: role, peerID: peer
        )
    }
}
