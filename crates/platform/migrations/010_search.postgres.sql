-- Site search (PostgreSQL twin of 010_search.sql): the same columns, plus two generated
-- tsvectors under GIN indexes: `terms`, the folded words of title (weight A) and body (B) and
-- the unit tokens (D), ranked by ts_rank; `title_terms`, the title's words and the unit
-- tokens, for the first phase of a search (titles holding every word). The words are folded
-- in the application, so no extension is needed.
CREATE TABLE search_documents (
    id BIGINT PRIMARY KEY,
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
    terms tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple', title_words), 'A')
        || setweight(to_tsvector('simple', body_words), 'B')
        || setweight(to_tsvector('simple', scope), 'D')
    ) STORED,
    title_terms tsvector GENERATED ALWAYS AS (
        to_tsvector('simple', title_words || ' ' || scope)
    ) STORED,
    UNIQUE (source, reference)
);
CREATE INDEX search_documents_unit ON search_documents (unit_id);
CREATE INDEX search_documents_terms ON search_documents USING GIN (terms);
CREATE INDEX search_documents_title_terms ON search_documents USING GIN (title_terms);
