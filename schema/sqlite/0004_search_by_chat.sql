-- Message search that costs the same over a million messages as over a thousand (replaces the index of 0003).
--
-- 1. The chat is in the index. Each row holds the message's words (column `content`) and one token naming its chat
--    (column `chat`: `c` and the chat id's 32 hex digits). A search asks for its words AND one of the caller's
--    chats, and FTS5 intersects the two posting lists, skipping ahead in the longer; so matches in chats the caller
--    is not in are never read, however many there are.
-- 2. The words are in a table of their own. `search_vocabulary` holds every word the index has ever held, as the
--    tokenizer folded it (case, and diacritics of Latin letters). A word typed as a prefix becomes the OR of the
--    whole words it begins (when they are few), which FTS5 walks newest first and stops after a page; a prefix
--    query (`"word"*`) instead merges the complete posting list of every such word before returning anything.
--    The repository adds the words of every message it writes, in the same transaction, through this same
--    tokenizer; words that no message holds any more stay, and cost nothing but a row.
--
-- Contentless (`content = ''`): the index keeps no copy of the text and is read only for rowids. Tombstones and
-- messages without text have no row. FTS5 must be told the exact old values to remove a row, which the triggers
-- take from the old message.
-- VACUUM may renumber the rowids of `messages` (it has no INTEGER PRIMARY KEY): after a VACUUM, run
-- `INSERT INTO messages_search (messages_search) VALUES ('delete-all')` and the INSERT … SELECT below again.
DROP TRIGGER messages_search_insert;
DROP TRIGGER messages_search_delete;
DROP TRIGGER messages_search_update;
DROP TABLE messages_search;

CREATE VIRTUAL TABLE messages_search USING fts5(
    content,
    chat,
    content = '',
    tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER messages_search_insert AFTER INSERT ON messages WHEN new.content IS NOT NULL BEGIN
    INSERT INTO messages_search (rowid, content, chat)
    VALUES (new.rowid, new.content, 'c' || replace(new.chat_id, '-', ''));
END;

CREATE TRIGGER messages_search_delete AFTER DELETE ON messages WHEN old.content IS NOT NULL BEGIN
    INSERT INTO messages_search (messages_search, rowid, content, chat)
    VALUES ('delete', old.rowid, old.content, 'c' || replace(old.chat_id, '-', ''));
END;

-- One trigger, so the old row is always removed before the new one is added.
CREATE TRIGGER messages_search_update AFTER UPDATE OF content ON messages WHEN old.content IS NOT new.content BEGIN
    INSERT INTO messages_search (messages_search, rowid, content, chat)
    SELECT 'delete', old.rowid, old.content, 'c' || replace(old.chat_id, '-', '') WHERE old.content IS NOT NULL;
    INSERT INTO messages_search (rowid, content, chat)
    SELECT new.rowid, new.content, 'c' || replace(new.chat_id, '-', '') WHERE new.content IS NOT NULL;
END;

CREATE TABLE search_vocabulary (
    term TEXT PRIMARY KEY
) WITHOUT ROWID;

-- Existing messages, then their words as the index folded them.
INSERT INTO messages_search (rowid, content, chat)
SELECT rowid, content, 'c' || replace(chat_id, '-', '') FROM messages WHERE content IS NOT NULL;

CREATE VIRTUAL TABLE temp.messages_search_terms USING fts5vocab(main, messages_search, col);
INSERT INTO search_vocabulary (term) SELECT DISTINCT term FROM temp.messages_search_terms WHERE col = 'content';
DROP TABLE temp.messages_search_terms;
