-- Community works the people build and fund (dân làm), Luật 10/2022/QH15 Điều 15(1)-(2).
-- Portable DDL for SQLite and PostgreSQL. Money in whole đồng; labour days in tenths of a day.
-- Nothing here is ever updated except a work's publication of its accounts: a correction is a
-- new entry.

-- A work (công trình) at a thôn or the commune, and the contribution rule households adopted.
-- rule: per_household | per_person; rate: đồng a household or a person.
CREATE TABLE works (
    id BIGINT PRIMARY KEY,
    unit_id BIGINT NOT NULL REFERENCES units (id),
    name TEXT NOT NULL,
    purpose TEXT NOT NULL,
    estimate BIGINT NOT NULL,
    funding TEXT NOT NULL,
    decision TEXT NOT NULL,
    decided_on TEXT NOT NULL,
    rule TEXT NOT NULL,
    rate BIGINT NOT NULL,
    labour_day_value BIGINT NOT NULL,
    accounts_published_on TEXT,
    accounts_published_at TEXT,
    accounts_rule_pack_id TEXT,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX works_unit ON works (unit_id, decided_on);

-- Each household of the unit on the decision day and what the rule makes it owe.
CREATE TABLE works_shares (
    work_id BIGINT NOT NULL REFERENCES works (id),
    household_code TEXT NOT NULL,
    representative TEXT NOT NULL,
    members BIGINT NOT NULL,
    owed BIGINT NOT NULL,
    PRIMARY KEY (work_id, household_code)
);

-- An exemption (miễn) or reduction (giảm) of a household's share, with its reason.
CREATE TABLE works_reductions (
    id BIGINT PRIMARY KEY,
    work_id BIGINT NOT NULL REFERENCES works (id),
    household_code TEXT NOT NULL,
    kind TEXT NOT NULL,
    amount BIGINT NOT NULL,
    reason TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX works_reductions_household ON works_reductions (work_id, household_code);

-- What a household pledged (đăng ký đóng góp).
CREATE TABLE works_pledges (
    id BIGINT PRIMARY KEY,
    work_id BIGINT NOT NULL REFERENCES works (id),
    household_code TEXT NOT NULL,
    amount BIGINT NOT NULL,
    pledged_on TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX works_pledges_household ON works_pledges (work_id, household_code);

-- A payment with its receipt (phiếu thu): cash, labour days valued at the work's rate, or a
-- correction of an earlier receipt (a signed amount, never an edit).
CREATE TABLE works_payments (
    id BIGINT PRIMARY KEY,
    work_id BIGINT NOT NULL REFERENCES works (id),
    household_code TEXT NOT NULL,
    receipt_no TEXT NOT NULL,
    kind TEXT NOT NULL,
    amount BIGINT NOT NULL,
    labour_tenths BIGINT NOT NULL,
    paid_on TEXT NOT NULL,
    note TEXT NOT NULL,
    corrects_id BIGINT REFERENCES works_payments (id),
    entered_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (work_id, receipt_no)
);
CREATE INDEX works_payments_household ON works_payments (work_id, household_code);

-- Progress (tiến độ): a milestone reached.
CREATE TABLE works_milestones (
    id BIGINT PRIMARY KEY,
    work_id BIGINT NOT NULL REFERENCES works (id),
    reached_on TEXT NOT NULL,
    title TEXT NOT NULL,
    note TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX works_milestones_work ON works_milestones (work_id, reached_on);

-- Spending (chi) by item, with its document.
CREATE TABLE works_spendings (
    id BIGINT PRIMARY KEY,
    work_id BIGINT NOT NULL REFERENCES works (id),
    item TEXT NOT NULL,
    amount BIGINT NOT NULL,
    spent_on TEXT NOT NULL,
    document TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX works_spendings_work ON works_spendings (work_id, spent_on);
