-- Full-text search of message content (GET /messages/search).
-- `search_vector` holds each message's words under the `simple` text-search configuration: words in any script,
-- folded to lower case, never stemmed or dropped as stop words, so Russian and English alike match whole words
-- and word prefixes (`:*`). PostgreSQL computes the stored column in the same statement as every insert and
-- update, and keeps the GIN index in step in the same transaction; adding the column computes it for the
-- existing messages (rewriting the table once). Tombstones have no content, so no words.
-- Stored rather than an expression index: a search whose words are in most messages is then planned as what it
-- is, a read of stored vectors, instead of parsing every message's text again.
-- Case folding follows the database's LC_CTYPE: use a UTF-8 one (C.UTF-8, en_US.UTF-8…); under plain `C` only
-- ASCII letters fold.
ALTER TABLE messages ADD COLUMN search_vector tsvector
    GENERATED ALWAYS AS (to_tsvector('simple', coalesce(content, ''))) STORED;
CREATE INDEX messages_search ON messages USING gin (search_vector);
