-- Initial schema: users, device sessions, chats, memberships, messages, files.
-- Ids are lowercase UUID strings; times are Unix epoch milliseconds (INTEGER).

CREATE TABLE users (
    id              TEXT PRIMARY KEY,
    email           TEXT NOT NULL UNIQUE,
    username        TEXT NOT NULL UNIQUE,
    name            TEXT NOT NULL,
    password_hash   TEXT NOT NULL,
    avatar_file_id  TEXT,
    created_at      INTEGER NOT NULL,
    last_seen_at    INTEGER
);
CREATE INDEX users_name_lower ON users (lower(name));
-- isAvatar looks files up by avatar.
CREATE INDEX users_avatar ON users (avatar_file_id) WHERE avatar_file_id IS NOT NULL;

CREATE TABLE sessions (
    id                  TEXT PRIMARY KEY,
    user_id             TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    device_type         TEXT NOT NULL CHECK (device_type IN ('WEB', 'MOBILE')),
    device_name         TEXT,
    user_agent          TEXT,
    refresh_token_hash  TEXT NOT NULL UNIQUE,
    created_at          INTEGER NOT NULL,
    last_used_at        INTEGER NOT NULL,
    expires_at          INTEGER NOT NULL,
    revoked_at          INTEGER
);
CREATE INDEX sessions_user ON sessions (user_id);

-- Refresh token hashes rotated away; presenting one again revokes its session.
CREATE TABLE retired_refresh_tokens (
    token_hash  TEXT PRIMARY KEY,
    session_id  TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    retired_at  INTEGER NOT NULL
);

CREATE TABLE files (
    id              TEXT PRIMARY KEY,
    owner_id        TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    storage_key     TEXT NOT NULL UNIQUE,
    original_name   TEXT NOT NULL,
    mime_type       TEXT NOT NULL,
    size            INTEGER NOT NULL,
    sha256          TEXT NOT NULL,
    kind            TEXT NOT NULL CHECK (kind IN ('IMAGE', 'AUDIO', 'VIDEO', 'FILE')),
    created_at      INTEGER NOT NULL
);

CREATE TABLE chats (
    id                TEXT PRIMARY KEY,
    kind              TEXT NOT NULL CHECK (kind IN ('DIRECT', 'GROUP')),
    name              TEXT,
    avatar_file_id    TEXT REFERENCES files(id) ON DELETE SET NULL,
    direct_key        TEXT UNIQUE,
    last_seq          INTEGER NOT NULL DEFAULT 0,
    created_at        INTEGER NOT NULL,
    last_activity_at  INTEGER NOT NULL
);
CREATE INDEX chats_avatar ON chats (avatar_file_id) WHERE avatar_file_id IS NOT NULL;

CREATE TABLE memberships (
    chat_id        TEXT NOT NULL REFERENCES chats(id) ON DELETE CASCADE,
    user_id        TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    role           TEXT NOT NULL CHECK (role IN ('ADMIN', 'MODERATOR', 'MEMBER')),
    joined_at      INTEGER NOT NULL,
    last_read_seq  INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (chat_id, user_id)
);
CREATE INDEX memberships_user ON memberships (user_id);

CREATE TABLE messages (
    id                 TEXT PRIMARY KEY,
    chat_id            TEXT NOT NULL REFERENCES chats(id) ON DELETE CASCADE,
    seq                INTEGER NOT NULL,
    sender_id          TEXT NOT NULL REFERENCES users(id),
    content            TEXT,
    kind               TEXT NOT NULL CHECK (kind IN ('TEXT', 'IMAGE', 'FILE', 'VOICE', 'VIDEO')),
    file_id            TEXT REFERENCES files(id),
    reply_to_id        TEXT,
    client_message_id  TEXT,
    created_at         INTEGER NOT NULL,
    edited_at          INTEGER,
    deleted_at         INTEGER
);
-- History pages and unread counts search this index by (chat_id = ?, seq range); named so query plans show it.
CREATE UNIQUE INDEX messages_chat_seq ON messages (chat_id, seq);
-- Idempotent send: one message per (chat, sender, clientMessageId).
CREATE UNIQUE INDEX messages_client_id ON messages (chat_id, sender_id, client_message_id)
    WHERE client_message_id IS NOT NULL;
CREATE INDEX messages_file ON messages (file_id) WHERE file_id IS NOT NULL;
