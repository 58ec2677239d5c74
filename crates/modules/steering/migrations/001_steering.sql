-- Steering committees (Ban Chỉ đạo xây dựng và thực hiện dân chủ ở cơ sở): one per unit.
CREATE TABLE steering_committees (
    id BIGINT PRIMARY KEY,
    unit_id BIGINT NOT NULL UNIQUE REFERENCES units (id),
    name TEXT NOT NULL,
    parent_body TEXT NOT NULL,
    standing_body TEXT NOT NULL,
    decision_number TEXT NOT NULL,
    established_on TEXT NOT NULL,
    created_at TEXT NOT NULL
);

-- Members with their position, body and term.
CREATE TABLE steering_members (
    id BIGINT PRIMARY KEY,
    committee_id BIGINT NOT NULL REFERENCES steering_committees (id),
    full_name TEXT NOT NULL,
    position TEXT NOT NULL,
    body TEXT NOT NULL,
    unit_id BIGINT NOT NULL REFERENCES units (id),
    term_from TEXT NOT NULL,
    term_to TEXT,
    created_at TEXT NOT NULL
);
CREATE INDEX steering_members_committee ON steering_members (committee_id);

-- Annual and half-year plans (kế hoạch).
CREATE TABLE steering_plans (
    id BIGINT PRIMARY KEY,
    committee_id BIGINT NOT NULL REFERENCES steering_committees (id),
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    period_from TEXT NOT NULL,
    period_to TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX steering_plans_committee ON steering_plans (committee_id, period_from);

-- Meetings: giao ban, sơ kết, tổng kết, ad hoc; publishable as news.
CREATE TABLE steering_meetings (
    id BIGINT PRIMARY KEY,
    committee_id BIGINT NOT NULL REFERENCES steering_committees (id),
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    held_on TEXT NOT NULL,
    held_at TEXT NOT NULL,
    place TEXT NOT NULL,
    chaired_by TEXT NOT NULL,
    agenda TEXT NOT NULL,
    attendees TEXT NOT NULL,
    minutes TEXT NOT NULL,
    published_at TEXT,
    views BIGINT NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL
);
CREATE INDEX steering_meetings_committee ON steering_meetings (committee_id, held_on);

-- Tasks of a plan; a task assigned downward has one child task per lower committee.
CREATE TABLE steering_tasks (
    id BIGINT PRIMARY KEY,
    plan_id BIGINT NOT NULL REFERENCES steering_plans (id),
    committee_id BIGINT NOT NULL REFERENCES steering_committees (id),
    parent_task_id BIGINT REFERENCES steering_tasks (id),
    meeting_id BIGINT REFERENCES steering_meetings (id),
    content TEXT NOT NULL,
    owner TEXT NOT NULL,
    due_on TEXT NOT NULL,
    status TEXT NOT NULL,
    progress INTEGER NOT NULL,
    done_on TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX steering_tasks_plan ON steering_tasks (plan_id);
CREATE INDEX steering_tasks_parent ON steering_tasks (parent_task_id);

-- Progress notes with evidence links.
CREATE TABLE steering_task_notes (
    id BIGINT PRIMARY KEY,
    task_id BIGINT NOT NULL REFERENCES steering_tasks (id),
    noted_on TEXT NOT NULL,
    progress INTEGER NOT NULL,
    note TEXT NOT NULL,
    evidence_url TEXT NOT NULL,
    author TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX steering_task_notes_task ON steering_task_notes (task_id);

-- Conclusions of a meeting, each becoming a task.
CREATE TABLE steering_conclusions (
    id BIGINT PRIMARY KEY,
    meeting_id BIGINT NOT NULL REFERENCES steering_meetings (id),
    content TEXT NOT NULL,
    task_id BIGINT REFERENCES steering_tasks (id)
);
CREATE INDEX steering_conclusions_meeting ON steering_conclusions (meeting_id);

-- Review reports (báo cáo sơ kết, tổng kết) and their versions.
CREATE TABLE steering_reports (
    id BIGINT PRIMARY KEY,
    committee_id BIGINT NOT NULL REFERENCES steering_committees (id),
    period_kind TEXT NOT NULL,
    period_from TEXT NOT NULL,
    period_to TEXT NOT NULL,
    number TEXT NOT NULL,
    current_version INTEGER NOT NULL,
    signed_version INTEGER,
    signed_by TEXT,
    signed_title TEXT,
    signed_on TEXT,
    created_at TEXT NOT NULL
);
CREATE INDEX steering_reports_committee ON steering_reports (committee_id, period_from);

CREATE TABLE steering_report_versions (
    id BIGINT PRIMARY KEY,
    report_id BIGINT NOT NULL REFERENCES steering_reports (id),
    version INTEGER NOT NULL,
    results TEXT NOT NULL,
    limitations TEXT NOT NULL,
    tasks_ahead TEXT NOT NULL,
    figures TEXT NOT NULL,
    author TEXT NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (report_id, version)
);

-- Inspections of lower committees, and their recommendations followed up.
CREATE TABLE steering_inspections (
    id BIGINT PRIMARY KEY,
    committee_id BIGINT NOT NULL REFERENCES steering_committees (id),
    target_committee_id BIGINT NOT NULL REFERENCES steering_committees (id),
    planned_on TEXT NOT NULL,
    subject TEXT NOT NULL,
    findings TEXT NOT NULL,
    created_at TEXT NOT NULL
);

CREATE TABLE steering_recommendations (
    id BIGINT PRIMARY KEY,
    inspection_id BIGINT NOT NULL REFERENCES steering_inspections (id),
    content TEXT NOT NULL,
    due_on TEXT NOT NULL,
    answered_on TEXT,
    answer TEXT NOT NULL
);
