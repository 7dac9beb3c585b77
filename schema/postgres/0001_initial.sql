-- Initial schema: users, device sessions, chats, memberships, messages, files.
-- Same tables and columns as schema/sqlite/0001_initial.sql. Ids are uuid; times are Unix epoch
-- milliseconds (bigint), exactly as in SQLite, so every adapter stores and returns the same instants.

CREATE TABLE users (
    id              uuid PRIMARY KEY,
    email           text NOT NULL UNIQUE,
    username        text NOT NULL UNIQUE,
    name            text NOT NULL,
    password_hash   text NOT NULL,
    avatar_file_id  uuid,
    created_at      bigint NOT NULL,
    last_seen_at    bigint
);
-- Prefix search (LIKE 'abc%') needs pattern-ops indexes whatever the database collation.
CREATE INDEX users_username_prefix ON users (username text_pattern_ops);
CREATE INDEX users_name_lower ON users (lower(name) text_pattern_ops);
CREATE INDEX users_avatar ON users (avatar_file_id) WHERE avatar_file_id IS NOT NULL;

CREATE TABLE sessions (
    id                  uuid PRIMARY KEY,
    user_id             uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    device_type         text NOT NULL CHECK (device_type IN ('WEB', 'MOBILE')),
    device_name         text,
    user_agent          text,
    refresh_token_hash  text NOT NULL UNIQUE,
    created_at          bigint NOT NULL,
    last_used_at        bigint NOT NULL,
    expires_at          bigint NOT NULL,
    revoked_at          bigint
);
CREATE INDEX sessions_user ON sessions (user_id);

-- Refresh token hashes rotated away; presenting one again revokes its session.
CREATE TABLE retired_refresh_tokens (
    token_hash  text PRIMARY KEY,
    session_id  uuid NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    retired_at  bigint NOT NULL
);
CREATE INDEX retired_refresh_tokens_session ON retired_refresh_tokens (session_id);

CREATE TABLE files (
    id              uuid PRIMARY KEY,
    owner_id        uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    storage_key     text NOT NULL UNIQUE,
    original_name   text NOT NULL,
    mime_type       text NOT NULL,
    size            bigint NOT NULL,
    sha256          text NOT NULL,
    kind            text NOT NULL CHECK (kind IN ('IMAGE', 'AUDIO', 'VIDEO', 'FILE')),
    created_at      bigint NOT NULL
);

CREATE TABLE chats (
    id                uuid PRIMARY KEY,
    kind              text NOT NULL CHECK (kind IN ('DIRECT', 'GROUP')),
    name              text,
    avatar_file_id    uuid REFERENCES files(id) ON DELETE SET NULL,
    direct_key        text UNIQUE,
    last_seq          bigint NOT NULL DEFAULT 0,
    created_at        bigint NOT NULL,
    last_activity_at  bigint NOT NULL
);
CREATE INDEX chats_avatar ON chats (avatar_file_id) WHERE avatar_file_id IS NOT NULL;

CREATE TABLE memberships (
    chat_id        uuid NOT NULL REFERENCES chats(id) ON DELETE CASCADE,
    user_id        uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    role           text NOT NULL CHECK (role IN ('ADMIN', 'MODERATOR', 'MEMBER')),
    joined_at      bigint NOT NULL,
    last_read_seq  bigint NOT NULL DEFAULT 0,
    PRIMARY KEY (chat_id, user_id)
);
CREATE INDEX memberships_user ON memberships (user_id);

CREATE TABLE messages (
    id                 uuid PRIMARY KEY,
    chat_id            uuid NOT NULL REFERENCES chats(id) ON DELETE CASCADE,
    seq                bigint NOT NULL,
    sender_id          uuid NOT NULL REFERENCES users(id),
    content            text,
    kind               text NOT NULL CHECK (kind IN ('TEXT', 'IMAGE', 'FILE', 'VOICE', 'VIDEO')),
    file_id            uuid REFERENCES files(id),
    reply_to_id        uuid,
    client_message_id  text,
    created_at         bigint NOT NULL,
    edited_at          bigint,
    deleted_at         bigint,
    CONSTRAINT messages_chat_seq UNIQUE (chat_id, seq)
);
-- Idempotent send: one message per (chat, sender, clientMessageId).
CREATE UNIQUE INDEX messages_client_id ON messages (chat_id, sender_id, client_message_id)
    WHERE client_message_id IS NOT NULL;
CREATE INDEX messages_file ON messages (file_id) WHERE file_id IS NOT NULL;
CREATE INDEX messages_sender ON messages (sender_id);
