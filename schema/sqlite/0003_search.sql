-- Full-text search of message content (GET /messages/search).
-- An FTS5 index over messages.content, keyed by the message's rowid (the table stores no text of its own).
-- unicode61 splits words in any script at what is not a letter or digit and folds case; remove_diacritics 2
-- also folds accents (école = ecole). Tombstones have no content, so no words in the index.
-- VACUUM may renumber the rowids of a table without an INTEGER PRIMARY KEY: after a VACUUM, rebuild the index
-- (the last statement of this file).
CREATE VIRTUAL TABLE messages_search USING fts5(
    content,
    content = 'messages',
    content_rowid = 'rowid',
    tokenize = 'unicode61 remove_diacritics 2'
);

-- Kept in step in the same transaction as every send, edit, delete and chat deletion (the cascade fires these
-- too). Every message has a row in the index, a tombstone or an attachment without text too (an empty one), as
-- FTS5 expects of an external-content index; and FTS5 must be told the exact old text to remove a row, so each
-- change removes the old content before adding the new.
CREATE TRIGGER messages_search_insert AFTER INSERT ON messages BEGIN
    INSERT INTO messages_search (rowid, content) VALUES (new.rowid, new.content);
END;

CREATE TRIGGER messages_search_delete AFTER DELETE ON messages BEGIN
    INSERT INTO messages_search (messages_search, rowid, content) VALUES ('delete', old.rowid, old.content);
END;

CREATE TRIGGER messages_search_update AFTER UPDATE OF content ON messages
WHEN old.content IS NOT new.content BEGIN
    INSERT INTO messages_search (messages_search, rowid, content) VALUES ('delete', old.rowid, old.content);
    INSERT INTO messages_search (rowid, content) VALUES (new.rowid, new.content);
END;

-- Existing messages.
INSERT INTO messages_search (messages_search) VALUES ('rebuild');
