-- Versions of the draft (dự thảo sửa đổi, bổ sung), numbered with their date. The parts of
-- every version are kept; `consultation_parts` holds the current version's. Each comment keeps
-- the version it was made on, and an accepted answer may name the version that made the change.
-- Portable DDL for SQLite and PostgreSQL.
CREATE TABLE consultation_versions (
    id BIGINT PRIMARY KEY,
    consultation_id BIGINT NOT NULL REFERENCES consultations (id),
    number BIGINT NOT NULL,
    published_on TEXT NOT NULL,
    note TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (consultation_id, number)
);

CREATE TABLE consultation_version_parts (
    id BIGINT PRIMARY KEY,
    consultation_id BIGINT NOT NULL REFERENCES consultations (id),
    version BIGINT NOT NULL,
    number BIGINT NOT NULL,
    heading TEXT NOT NULL,
    body TEXT NOT NULL,
    UNIQUE (consultation_id, version, number)
);

ALTER TABLE consultations ADD COLUMN version BIGINT NOT NULL DEFAULT 1;
ALTER TABLE consultation_comments ADD COLUMN version BIGINT NOT NULL DEFAULT 1;
ALTER TABLE consultation_comments ADD COLUMN changed_in_version BIGINT;

-- The drafts opened before versions were kept are their version 1.
INSERT INTO consultation_versions (id, consultation_id, number, published_on, note, created_by, created_at)
    SELECT id, id, 1, opens_on, '', created_by, created_at FROM consultations;
INSERT INTO consultation_version_parts (id, consultation_id, version, number, heading, body)
    SELECT id, consultation_id, 1, number, heading, body FROM consultation_parts;
