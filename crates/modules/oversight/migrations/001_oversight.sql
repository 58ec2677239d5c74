-- Inspection and supervision by the people (dân kiểm tra, giám sát), Luật 10/2022/QH15
-- Điều 31-45, Nghị định 59/2023/NĐ-CP Điều 12-17. Portable DDL for SQLite and PostgreSQL.

-- An investment project of the commune (dự án đầu tư), supervised by its own board.
CREATE TABLE oversight_projects (
    id BIGINT PRIMARY KEY,
    unit_id BIGINT NOT NULL REFERENCES units (id),
    name TEXT NOT NULL,
    investor TEXT NOT NULL,
    funding TEXT NOT NULL,
    budget TEXT NOT NULL,
    place TEXT NOT NULL,
    starts_on TEXT NOT NULL,
    ends_on TEXT NOT NULL,
    contractors TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX oversight_projects_unit ON oversight_projects (unit_id, starts_on);

-- A board: the People's Inspection Board (inspection) of a commune, or the Community
-- Investment Supervision Board (investment) of one project.
CREATE TABLE oversight_boards (
    id BIGINT PRIMARY KEY,
    unit_id BIGINT NOT NULL REFERENCES units (id),
    kind TEXT NOT NULL,
    project_id BIGINT REFERENCES oversight_projects (id),
    name TEXT NOT NULL,
    term_from TEXT NOT NULL,
    term_to TEXT NOT NULL,
    recognition TEXT NOT NULL,
    rule_pack_id TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX oversight_boards_unit ON oversight_boards (unit_id, kind);
CREATE INDEX oversight_boards_project ON oversight_boards (project_id);

-- The members of a board, in order, with what each declared.
CREATE TABLE oversight_members (
    id BIGINT PRIMARY KEY,
    board_id BIGINT NOT NULL REFERENCES oversight_boards (id),
    number BIGINT NOT NULL,
    name TEXT NOT NULL,
    position TEXT NOT NULL,
    represents TEXT NOT NULL,
    login TEXT,
    UNIQUE (board_id, number)
);

-- An inspection or supervision (cuộc kiểm tra, giám sát), with the notice it was given.
CREATE TABLE oversight_activities (
    id BIGINT PRIMARY KEY,
    board_id BIGINT NOT NULL REFERENCES oversight_boards (id),
    unit_id BIGINT NOT NULL REFERENCES units (id),
    subject TEXT NOT NULL,
    scope TEXT NOT NULL,
    notice_on TEXT NOT NULL,
    notice_due TEXT NOT NULL,
    starts_on TEXT NOT NULL,
    ends_on TEXT NOT NULL,
    rule_pack_id TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX oversight_activities_board ON oversight_activities (board_id, starts_on);
CREATE INDEX oversight_activities_unit ON oversight_activities (unit_id, starts_on);

-- What an activity found (kết quả kiểm tra, giám sát), with its evidence.
CREATE TABLE oversight_findings (
    id BIGINT PRIMARY KEY,
    activity_id BIGINT NOT NULL REFERENCES oversight_activities (id),
    body TEXT NOT NULL,
    evidence TEXT NOT NULL,
    found_on TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX oversight_findings_activity ON oversight_findings (activity_id);

-- A recommendation (kiến nghị) sent to an authority, with its answer clock and its answer.
-- status: due (awaiting the answer), answered, rejected (the board rejected the answer).
CREATE TABLE oversight_recommendations (
    id BIGINT PRIMARY KEY,
    finding_id BIGINT NOT NULL REFERENCES oversight_findings (id),
    board_id BIGINT NOT NULL REFERENCES oversight_boards (id),
    unit_id BIGINT NOT NULL REFERENCES units (id),
    authority TEXT NOT NULL,
    body TEXT NOT NULL,
    sent_on TEXT NOT NULL,
    due_on TEXT NOT NULL,
    rule_pack_id TEXT NOT NULL,
    status TEXT NOT NULL,
    answer TEXT,
    answered_on TEXT,
    answered_by TEXT,
    rejection TEXT,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX oversight_recommendations_unit ON oversight_recommendations (unit_id, status, due_on);
CREATE INDEX oversight_recommendations_finding ON oversight_recommendations (finding_id);
CREATE INDEX oversight_recommendations_sent ON oversight_recommendations (unit_id, sent_on);
