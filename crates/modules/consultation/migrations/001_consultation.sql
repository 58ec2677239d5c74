-- Consultation of the people (Nhân dân tham gia ý kiến), Luật 10/2022/QH15 Điều 25-28.
-- Portable DDL for SQLite and PostgreSQL.

-- A draft put to the people of a unit, open from its publication to its closing day.
CREATE TABLE consultations (
    id BIGINT PRIMARY KEY,
    unit_id BIGINT NOT NULL REFERENCES units (id),
    matter BIGINT NOT NULL,
    title TEXT NOT NULL,
    summary TEXT NOT NULL,
    channels TEXT NOT NULL,
    opens_on TEXT NOT NULL,
    closes_on TEXT NOT NULL,
    status TEXT NOT NULL,
    comment_count BIGINT NOT NULL,
    rule_pack_id TEXT NOT NULL,
    closed_on TEXT,
    closing_reason TEXT,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX consultations_unit ON consultations (unit_id, opens_on);
CREATE INDEX consultations_status ON consultations (status, closes_on);

-- The numbered parts of the draft (articles, clauses, paragraphs).
CREATE TABLE consultation_parts (
    id BIGINT PRIMARY KEY,
    consultation_id BIGINT NOT NULL REFERENCES consultations (id),
    number BIGINT NOT NULL,
    heading TEXT NOT NULL,
    body TEXT NOT NULL,
    UNIQUE (consultation_id, number)
);

-- Every comment, from every channel, numbered within its consultation, with its answer.
-- The contact is never shown publicly.
CREATE TABLE consultation_comments (
    id BIGINT PRIMARY KEY,
    consultation_id BIGINT NOT NULL REFERENCES consultations (id),
    number BIGINT NOT NULL,
    part_number BIGINT,
    channel TEXT NOT NULL,
    organisation BOOLEAN NOT NULL,
    source TEXT NOT NULL,
    author_name TEXT NOT NULL,
    contact TEXT,
    account_id BIGINT,
    client_hash TEXT,
    body TEXT NOT NULL,
    received_on TEXT NOT NULL,
    entered_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    disposition TEXT,
    answer TEXT,
    answered_on TEXT,
    answered_by TEXT,
    UNIQUE (consultation_id, number)
);
CREATE INDEX consultation_comments_part ON consultation_comments (consultation_id, part_number, number);
CREATE INDEX consultation_comments_open ON consultation_comments (consultation_id, disposition);
CREATE INDEX consultation_comments_client ON consultation_comments (client_hash, created_at);
