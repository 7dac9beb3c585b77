-- Message search newest first without sorting every match (see PostgresMessageSearchIndex).
-- A search runs once per chat of the caller: a word found in few messages is read through the GIN index
-- `messages_search` and its matches sorted; a word found in many is read by walking this index backwards from the
-- newest message and testing each stored `search_vector`, which stops after one page. PostgreSQL's planner picks
-- per query from the word's statistics. Without this index the common-word case read and sorted every match
-- (a word in 1 of 100 of 1M messages: 124 ms; a word in all: over 400 ms).
-- Built inside the migration's transaction, so writes to `messages` wait for it (about 2 s per million messages on
-- the benchmark machine); on a large database, create it beforehand with CREATE INDEX CONCURRENTLY under this name.
CREATE INDEX IF NOT EXISTS messages_chat_created ON messages (chat_id, created_at, id);
