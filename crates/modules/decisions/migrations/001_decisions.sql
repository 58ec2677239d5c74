-- Community decisions (Nhân dân bàn và quyết định), Luật 10/2022/QH15 Điều 15-24,
-- Nghị định 59/2023/NĐ-CP, Nghị định 61/2023/NĐ-CP. Portable DDL for SQLite and PostgreSQL.

-- Citizen initiatives (sáng kiến của Nhân dân, Điều 16) and the households supporting them.
CREATE TABLE decision_initiatives (
    id BIGINT PRIMARY KEY,
    unit_id BIGINT NOT NULL REFERENCES units (id),
    matter BIGINT NOT NULL,
    title TEXT NOT NULL,
    content TEXT NOT NULL,
    opened_by_household BIGINT NOT NULL REFERENCES households (id),
    opened_on TEXT NOT NULL,
    expires_on TEXT NOT NULL,
    status TEXT NOT NULL,
    reached_on TEXT,
    rule_pack_id TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX decision_initiatives_unit ON decision_initiatives (unit_id, opened_on);

CREATE TABLE decision_initiative_support (
    initiative_id BIGINT NOT NULL REFERENCES decision_initiatives (id),
    household_id BIGINT NOT NULL REFERENCES households (id),
    channel TEXT NOT NULL,
    recorded_by TEXT NOT NULL,
    supported_on TEXT NOT NULL,
    PRIMARY KEY (initiative_id, household_id)
);

-- A matter put to the households (việc Nhân dân bàn và quyết định), in one thôn or commune-wide.
CREATE TABLE decision_matters (
    id BIGINT PRIMARY KEY,
    unit_id BIGINT NOT NULL REFERENCES units (id),
    scope TEXT NOT NULL,
    matter BIGINT NOT NULL,
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    content TEXT NOT NULL,
    origin TEXT NOT NULL,
    initiative_id BIGINT REFERENCES decision_initiatives (id),
    revote_of BIGINT REFERENCES decision_matters (id),
    secret BOOLEAN NOT NULL,
    online_allowed BOOLEAN NOT NULL,
    status TEXT NOT NULL,
    opened_on TEXT NOT NULL,
    closed_on TEXT,
    rule_pack_id TEXT NOT NULL,
    rule_pack_fingerprint TEXT NOT NULL,
    passed BOOLEAN,
    agree BIGINT,
    total BIGINT,
    participants BIGINT,
    households BIGINT,
    result_vi TEXT,
    result_en TEXT,
    ballot_digest TEXT,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX decision_matters_unit ON decision_matters (unit_id, opened_on);

-- One row per household and matter, whatever the channel: the UNIQUE constraint is what makes a
-- household count once across meeting, paper ballot and online vote. `choice` is NULL for a
-- secret vote: the row is then only the participation register (danh sách hộ tham gia).
CREATE TABLE decision_votes (
    id BIGINT PRIMARY KEY,
    matter_id BIGINT NOT NULL REFERENCES decision_matters (id),
    household_id BIGINT NOT NULL REFERENCES households (id),
    unit_id BIGINT NOT NULL REFERENCES units (id),
    channel TEXT NOT NULL,
    choice TEXT,
    opinion TEXT,
    meeting_id BIGINT,
    recorded_by TEXT NOT NULL,
    confirmed_by TEXT,
    recorded_at TEXT NOT NULL,
    UNIQUE (matter_id, household_id)
);
CREATE INDEX decision_votes_tally ON decision_votes (matter_id, unit_id, choice, confirmed_by);

-- Running counts per matter, thôn and choice, kept up to date in the same transaction as each
-- vote, check or ballot, so that a result page reads a few rows. `_participants` counts the
-- checked register rows, `_unchecked` the paper ballots awaiting their second check. Closing a
-- vote recounts from the rows themselves.
CREATE TABLE decision_counts (
    matter_id BIGINT NOT NULL REFERENCES decision_matters (id),
    unit_id BIGINT NOT NULL REFERENCES units (id),
    choice TEXT NOT NULL,
    n BIGINT NOT NULL,
    PRIMARY KEY (matter_id, unit_id, choice)
);

-- Secret ballots (phiếu kín): no household, no time, a random id.
CREATE TABLE decision_secret_ballots (
    id BIGINT PRIMARY KEY,
    matter_id BIGINT NOT NULL REFERENCES decision_matters (id),
    unit_id BIGINT NOT NULL REFERENCES units (id),
    choice TEXT NOT NULL
);
CREATE INDEX decision_secret_ballots_tally ON decision_secret_ballots (matter_id, unit_id, choice);

-- Agreement of households to decide a matter online (Nghị định 59/2023 Điều 5).
CREATE TABLE decision_online_consents (
    matter_id BIGINT NOT NULL REFERENCES decision_matters (id),
    household_id BIGINT NOT NULL REFERENCES households (id),
    recorded_by TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    PRIMARY KEY (matter_id, household_id)
);

-- Candidates of an election (ứng cử viên).
CREATE TABLE decision_candidates (
    id BIGINT PRIMARY KEY,
    matter_id BIGINT NOT NULL REFERENCES decision_matters (id),
    full_name TEXT NOT NULL,
    nominated_at_meeting BOOLEAN NOT NULL,
    created_at TEXT NOT NULL
);

-- Meetings (hội nghị), possibly one per cluster (cụm) of a large thôn, and attendance per household.
CREATE TABLE decision_meetings (
    id BIGINT PRIMARY KEY,
    matter_id BIGINT NOT NULL REFERENCES decision_matters (id),
    unit_id BIGINT NOT NULL REFERENCES units (id),
    cluster TEXT,
    held_on TEXT NOT NULL,
    notice_on TEXT NOT NULL,
    voting_method TEXT,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL
);

CREATE TABLE decision_attendance (
    meeting_id BIGINT NOT NULL REFERENCES decision_meetings (id),
    matter_id BIGINT NOT NULL REFERENCES decision_matters (id),
    household_id BIGINT NOT NULL REFERENCES households (id),
    attendee TEXT NOT NULL,
    capacity TEXT NOT NULL,
    PRIMARY KEY (matter_id, household_id)
);
CREATE INDEX decision_attendance_meeting ON decision_attendance (meeting_id);

-- Procedural votes of a meeting (thư ký, hình thức biểu quyết, ban kiểm phiếu).
CREATE TABLE decision_procedural_votes (
    id BIGINT PRIMARY KEY,
    meeting_id BIGINT NOT NULL REFERENCES decision_meetings (id),
    subject TEXT NOT NULL,
    detail TEXT NOT NULL,
    agree BIGINT NOT NULL,
    present BIGINT NOT NULL,
    passed BOOLEAN NOT NULL,
    result_vi TEXT NOT NULL,
    result_en TEXT NOT NULL
);

-- The household ballot plan (kế hoạch phát phiếu lấy ý kiến hộ gia đình) and its team.
CREATE TABLE decision_ballot_plans (
    matter_id BIGINT PRIMARY KEY REFERENCES decision_matters (id),
    issued_on TEXT NOT NULL,
    sent_on TEXT,
    published_on TEXT NOT NULL,
    distribution_on TEXT NOT NULL,
    team_head TEXT NOT NULL,
    team TEXT NOT NULL
);

-- The decision document (văn bản ghi nhận kết quả, Điều 20) and its recognition (Điều 21(2)).
CREATE TABLE decision_documents (
    matter_id BIGINT PRIMARY KEY REFERENCES decision_matters (id),
    held_on TEXT NOT NULL,
    total BIGINT NOT NULL,
    present BIGINT NOT NULL,
    absent BIGINT NOT NULL,
    form TEXT NOT NULL,
    results TEXT NOT NULL,
    decision TEXT NOT NULL,
    village_head TEXT NOT NULL,
    front_head TEXT NOT NULL,
    household_rep_1 TEXT NOT NULL,
    household_rep_2 TEXT NOT NULL,
    send_due_on TEXT NOT NULL,
    sent_on TEXT,
    recognition_due_on TEXT,
    recognition_by TEXT,
    recognised_on TEXT,
    refused_on TEXT,
    refusal_reason TEXT,
    created_at TEXT NOT NULL
);

-- Village-head elections (bầu trưởng thôn, Nghị định 59/2023 Điều 6-9).
CREATE TABLE decision_elections (
    matter_id BIGINT PRIMARY KEY REFERENCES decision_matters (id),
    election_on TEXT NOT NULL,
    plan_on TEXT NOT NULL,
    team_on TEXT NOT NULL,
    notice_on TEXT NOT NULL,
    candidates_on TEXT NOT NULL,
    dismissal_on TEXT,
    winner_id BIGINT,
    revote_decided_on TEXT
);

-- Hương ước / quy ước (Nghị định 61/2023).
CREATE TABLE decision_covenants (
    id BIGINT PRIMARY KEY,
    unit_id BIGINT NOT NULL REFERENCES units (id),
    title TEXT NOT NULL,
    drafting_team TEXT NOT NULL,
    draft_posted_on TEXT NOT NULL,
    matter_id BIGINT REFERENCES decision_matters (id),
    status TEXT NOT NULL,
    filed_on TEXT,
    recognised_on TEXT,
    refusal_reason TEXT,
    suspended_on TEXT,
    repealed_on TEXT,
    rule_pack_id TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX decision_covenants_unit ON decision_covenants (unit_id);
