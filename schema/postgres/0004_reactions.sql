-- Message reactions: at most one per (message, user, emoji); `id` orders them by use.
-- `messages.reactions` is the message's summary, rewritten in the same transaction as every change to its rows (which
-- first locks the message row, so concurrent changes to one message apply one after the other), so a history page
-- reads it with the messages and needs no other query. Same text as in SQLite: `emoji count` pairs separated by single
-- spaces, each emoji ordered by the earliest of its current reactions (for example `+1 2 heart 1`); NULL when there
-- are none. An emoji never contains whitespace (the domain refuses it), so the spaces separate unambiguously.
-- Deleting a message (the tombstone) drops its reactions and clears its summary.
CREATE TABLE message_reactions (
    id          bigserial PRIMARY KEY,
    message_id  uuid NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
    user_id     uuid NOT NULL REFERENCES users(id),
    emoji       text NOT NULL,
    created_at  bigint NOT NULL,
    -- One reaction per (message, user, emoji); also serves a message's reactions and a member's own on a page.
    CONSTRAINT message_reactions_key UNIQUE (message_id, user_id, emoji)
);
CREATE INDEX message_reactions_user ON message_reactions (user_id);

ALTER TABLE messages ADD COLUMN reactions text;
