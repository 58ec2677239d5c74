-- The disclosure register (Luật 10/2022/QH15, Điều 11-14, 47-48, 65-66).

-- Files attached to disclosures or to proofs (PDF, images, DOCX); the bytes live under the
-- data directory, named by id.
CREATE TABLE disclosure_files (
    id BIGINT PRIMARY KEY,
    unit_id BIGINT NOT NULL REFERENCES units (id),
    file_name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size_bytes BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    uploaded_by BIGINT,
    uploaded_at TEXT NOT NULL
);

-- One disclosure (thông tin công khai); its text lives in versions.
CREATE TABLE disclosure_items (
    id BIGINT PRIMARY KEY,
    unit_id BIGINT NOT NULL REFERENCES units (id),
    publisher_kind TEXT NOT NULL,
    category INTEGER NOT NULL,
    title TEXT NOT NULL,
    title_folded TEXT NOT NULL,
    pack_id TEXT NOT NULL,
    decided_on TEXT NOT NULL,
    due_on TEXT NOT NULL,
    published_on TEXT NOT NULL,
    on_time INTEGER NOT NULL,
    period_from TEXT,
    period_to TEXT,
    recurring_key TEXT,
    period_label TEXT,
    version INTEGER NOT NULL,
    obligation_count INTEGER NOT NULL,
    complete_on TEXT,
    created_at TEXT NOT NULL,
    created_by BIGINT
);
CREATE INDEX disclosure_items_unit ON disclosure_items (unit_id, published_on, id);
CREATE INDEX disclosure_items_completing ON disclosure_items (complete_on);

-- Per unit and month of publication: what was published, on time, and with every duty met or
-- bound to be met (complete_on set). Kept in the same transaction as each write, so that the
-- dashboards of a province read thousands of rows rather than a million.
CREATE TABLE disclosure_unit_months (
    unit_id BIGINT NOT NULL REFERENCES units (id),
    month TEXT NOT NULL,
    published BIGINT NOT NULL,
    on_time BIGINT NOT NULL,
    complete BIGINT NOT NULL,
    PRIMARY KEY (unit_id, month)
);

-- Every version of a disclosure: the first, then each correction (đính chính) with its reason.
CREATE TABLE disclosure_versions (
    id BIGINT PRIMARY KEY,
    item_id BIGINT NOT NULL REFERENCES disclosure_items (id),
    version INTEGER NOT NULL,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    doc_number TEXT NOT NULL,
    doc_date TEXT NOT NULL,
    doc_issuer TEXT NOT NULL,
    reason TEXT NOT NULL,
    published_on TEXT NOT NULL,
    created_at TEXT NOT NULL,
    created_by BIGINT,
    UNIQUE (item_id, version)
);

CREATE TABLE disclosure_attachments (
    item_id BIGINT NOT NULL REFERENCES disclosure_items (id),
    version INTEGER NOT NULL,
    file_id BIGINT NOT NULL REFERENCES disclosure_files (id),
    PRIMARY KEY (item_id, version, file_id)
);

-- What the law requires of one disclosure: one row per channel and place.
CREATE TABLE disclosure_obligations (
    id BIGINT PRIMARY KEY,
    item_id BIGINT NOT NULL REFERENCES disclosure_items (id),
    channel TEXT NOT NULL,
    place_unit_id BIGINT NOT NULL REFERENCES units (id),
    place_kind TEXT NOT NULL,
    min_days INTEGER,
    permanent INTEGER NOT NULL,
    due_on TEXT NOT NULL,
    citation TEXT NOT NULL,
    first_started_on TEXT,
    satisfied_on TEXT,
    ended_early INTEGER NOT NULL DEFAULT 0,
    overdue_flagged_on TEXT,
    UNIQUE (item_id, channel, place_unit_id)
);
CREATE INDEX disclosure_obligations_open ON disclosure_obligations (satisfied_on, due_on);

-- Proof (bằng chứng) of a posting, broadcast or delivery.
CREATE TABLE disclosure_proofs (
    id BIGINT PRIMARY KEY,
    obligation_id BIGINT NOT NULL REFERENCES disclosure_obligations (id),
    started_on TEXT NOT NULL,
    ended_on TEXT,
    note TEXT NOT NULL,
    photo_file_id BIGINT REFERENCES disclosure_files (id),
    automatic INTEGER NOT NULL,
    recorded_by BIGINT,
    recorded_by_name TEXT NOT NULL,
    recorded_at TEXT NOT NULL
);
CREATE INDEX disclosure_proofs_obligation ON disclosure_proofs (obligation_id, started_on);

-- Disclosures expected every period (công khai định kỳ); a row with no item after its due
-- date is missing.
CREATE TABLE disclosure_expected (
    id BIGINT PRIMARY KEY,
    unit_id BIGINT NOT NULL REFERENCES units (id),
    duty_key TEXT NOT NULL,
    category INTEGER NOT NULL,
    period_label TEXT NOT NULL,
    period_from TEXT NOT NULL,
    period_to TEXT NOT NULL,
    due_on TEXT NOT NULL,
    pack_id TEXT NOT NULL,
    citation TEXT NOT NULL,
    item_id BIGINT REFERENCES disclosure_items (id),
    fulfilled_on TEXT,
    missing_flagged_on TEXT,
    UNIQUE (unit_id, duty_key, period_label)
);
CREATE INDEX disclosure_expected_due ON disclosure_expected (due_on, unit_id);

-- Reminders and overdue flags raised by the scheduled job, shown on officers' dashboards.
CREATE TABLE disclosure_notices (
    id BIGINT PRIMARY KEY,
    unit_id BIGINT NOT NULL REFERENCES units (id),
    kind TEXT NOT NULL,
    subject_type TEXT NOT NULL,
    subject_id BIGINT NOT NULL,
    due_on TEXT NOT NULL,
    message_vi TEXT NOT NULL,
    message_en TEXT NOT NULL,
    raised_on TEXT NOT NULL,
    UNIQUE (kind, subject_type, subject_id)
);
CREATE INDEX disclosure_notices_unit ON disclosure_notices (unit_id, raised_on);
