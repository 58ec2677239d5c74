-- Site search: one row per public document (a unit, a published disclosure, a matter put to
-- the households, a published article, a page), written by the module that owns it when it
-- becomes public and removed when it stops being public. `title_words` and `body_words` are
-- the title and body folded in the application (lower case, no diacritics, đ → d, one space
-- between words); `scope` holds a token per unit on the document's unit's path ("u1 u5 u9"),
-- so a search within a commune is one more full-text term, not a join.
--
-- SQLite: an FTS5 index over the folded words (external content: this table), kept in step by
-- the triggers below; ranked by bm25 with the title weighing ten times the body.
CREATE TABLE search_documents (
    id INTEGER PRIMARY KEY,
    source TEXT NOT NULL,
    reference TEXT NOT NULL,
    unit_id BIGINT NOT NULL,
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    href TEXT NOT NULL,
    published_at TEXT,
    scope TEXT NOT NULL,
    title_words TEXT NOT NULL,
    body_words TEXT NOT NULL,
    UNIQUE (source, reference)
);
CREATE INDEX search_documents_unit ON search_documents (unit_id);

CREATE VIRTUAL TABLE search_fts USING fts5(
    title_words, body_words, scope,
    content = 'search_documents', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER search_documents_insert AFTER INSERT ON search_documents BEGIN
    INSERT INTO search_fts (rowid, title_words, body_words, scope)
    VALUES (new.id, new.title_words, new.body_words, new.scope);
END;
CREATE TRIGGER search_documents_delete AFTER DELETE ON search_documents BEGIN
    INSERT INTO search_fts (search_fts, rowid, title_words, body_words, scope)
    VALUES ('delete', old.id, old.title_words, old.body_words, old.scope);
END;
CREATE TRIGGER search_documents_update AFTER UPDATE ON search_documents BEGIN
    INSERT INTO search_fts (search_fts, rowid, title_words, body_words, scope)
    VALUES ('delete', old.id, old.title_words, old.body_words, old.scope);
    INSERT INTO search_fts (rowid, title_words, body_words, scope)
    VALUES (new.id, new.title_words, new.body_words, new.scope);
END;
