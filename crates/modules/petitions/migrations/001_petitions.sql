-- Citizen reception, cases with statutory clocks, the protected denouncer, mediation, dialogues.

-- Heads who must receive citizens in person (người đứng đầu tiếp công dân).
CREATE TABLE petition_heads (
    id BIGINT PRIMARY KEY,
    unit_id BIGINT NOT NULL REFERENCES units(id),
    full_name TEXT NOT NULL,
    position TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX petition_heads_unit ON petition_heads (unit_id);

-- Reception days planned, published and held (lịch tiếp công dân).
CREATE TABLE petition_sessions (
    id BIGINT PRIMARY KEY,
    head_id BIGINT NOT NULL REFERENCES petition_heads(id),
    unit_id BIGINT NOT NULL REFERENCES units(id),
    day TEXT NOT NULL,
    place TEXT NOT NULL,
    published_on TEXT NOT NULL,
    pack_id TEXT NOT NULL,
    status TEXT NOT NULL,
    received_by TEXT,
    delegated BOOLEAN NOT NULL DEFAULT FALSE,
    delegation_forbidden BOOLEAN NOT NULL DEFAULT FALSE,
    citizens BIGINT NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL
);
CREATE INDEX petition_sessions_head_day ON petition_sessions (head_id, day);
CREATE INDEX petition_sessions_unit_day ON petition_sessions (unit_id, day);

-- Cases (vụ việc): complaint, denunciation, recommendation, report, dispute.
-- The denouncer's identity is never here: see petition_identities.
CREATE TABLE petition_cases (
    id BIGINT PRIMARY KEY,
    unit_id BIGINT NOT NULL REFERENCES units(id),
    province_id BIGINT,
    commune_id BIGINT,
    tracking_code TEXT NOT NULL UNIQUE,
    secret_hash TEXT NOT NULL,
    kind TEXT NOT NULL,
    channel TEXT NOT NULL,
    subject TEXT NOT NULL,
    content TEXT NOT NULL,
    search_text TEXT NOT NULL,
    petitioner_name TEXT,
    petitioner_contact TEXT,
    anonymous BOOLEAN NOT NULL DEFAULT FALSE,
    protected BOOLEAN NOT NULL DEFAULT FALSE,
    received_on TEXT NOT NULL,
    pack_id TEXT NOT NULL,
    status TEXT NOT NULL,
    round BIGINT NOT NULL DEFAULT 1,
    complexity BIGINT NOT NULL DEFAULT 0,
    remote BOOLEAN NOT NULL DEFAULT FALSE,
    multiple_places BOOLEAN NOT NULL DEFAULT FALSE,
    handler_account_id BIGINT,
    joined_into BIGINT,
    transferred_to TEXT,
    is_open BOOLEAN NOT NULL,
    next_due TEXT,
    resolved_on TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX petition_cases_province_due ON petition_cases (province_id, is_open, next_due, id);
CREATE INDEX petition_cases_commune_due ON petition_cases (commune_id, is_open, next_due, id);
CREATE INDEX petition_cases_unit_due ON petition_cases (unit_id, is_open, next_due, id);
CREATE INDEX petition_cases_received ON petition_cases (received_on);

-- One statutory clock of a case (thời hạn), counted with the legal calendar.
CREATE TABLE petition_clocks (
    id BIGINT PRIMARY KEY,
    case_id BIGINT NOT NULL REFERENCES petition_cases(id),
    clock TEXT NOT NULL,
    rule_key TEXT NOT NULL,
    started_on TEXT NOT NULL,
    period_count BIGINT NOT NULL,
    period_unit TEXT NOT NULL,
    extensions BIGINT NOT NULL DEFAULT 0,
    extension_count BIGINT NOT NULL DEFAULT 0,
    extension_unit TEXT,
    due_on TEXT NOT NULL,
    done_on TEXT
);
CREATE INDEX petition_clocks_case ON petition_clocks (case_id);
CREATE INDEX petition_clocks_open ON petition_clocks (done_on, id);

-- The timeline of a case. Public events are shown to the citizen; internal notes never.
CREATE TABLE petition_events (
    id BIGINT PRIMARY KEY,
    case_id BIGINT NOT NULL REFERENCES petition_cases(id),
    at TEXT NOT NULL,
    on_date TEXT NOT NULL,
    kind TEXT NOT NULL,
    public BOOLEAN NOT NULL,
    body TEXT NOT NULL,
    actor TEXT NOT NULL
);
CREATE INDEX petition_events_case ON petition_events (case_id, at);

-- The denouncer's identity (thông tin người tố cáo), sealed with the protection key.
CREATE TABLE petition_identities (
    case_id BIGINT PRIMARY KEY REFERENCES petition_cases(id),
    nonce TEXT NOT NULL,
    sealed TEXT NOT NULL,
    created_at TEXT NOT NULL
);

-- Failed tracking lookups, to stop code guessers.
CREATE TABLE petition_lookup_failures (
    bucket TEXT NOT NULL,
    window_start TEXT NOT NULL,
    failures BIGINT NOT NULL,
    PRIMARY KEY (bucket, window_start)
);

-- The reception book (sổ tiếp công dân, Luật Tiếp công dân Điều 25(2)).
CREATE TABLE petition_book (
    id BIGINT PRIMARY KEY,
    unit_id BIGINT NOT NULL REFERENCES units(id),
    session_id BIGINT REFERENCES petition_sessions(id),
    number BIGINT NOT NULL,
    year BIGINT NOT NULL,
    entry_date TEXT NOT NULL,
    citizen_name TEXT,
    citizen_address TEXT,
    content TEXT NOT NULL,
    earlier_handling TEXT NOT NULL,
    request TEXT NOT NULL,
    handling TEXT NOT NULL,
    oral_record TEXT,
    signed BOOLEAN NOT NULL DEFAULT FALSE,
    protected BOOLEAN NOT NULL DEFAULT FALSE,
    case_id BIGINT REFERENCES petition_cases(id),
    created_at TEXT NOT NULL,
    UNIQUE (unit_id, year, number)
);

-- Grassroots mediation (hòa giải ở cơ sở): teams per thôn and the disputes they mediate.
CREATE TABLE petition_mediation_teams (
    id BIGINT PRIMARY KEY,
    unit_id BIGINT NOT NULL REFERENCES units(id),
    name TEXT NOT NULL,
    leader TEXT NOT NULL,
    members BIGINT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE TABLE petition_mediations (
    id BIGINT PRIMARY KEY,
    team_id BIGINT NOT NULL REFERENCES petition_mediation_teams(id),
    unit_id BIGINT NOT NULL REFERENCES units(id),
    case_id BIGINT REFERENCES petition_cases(id),
    subject TEXT NOT NULL,
    opened_on TEXT NOT NULL,
    outcome TEXT NOT NULL,
    closed_on TEXT,
    created_at TEXT NOT NULL
);
CREATE INDEX petition_mediations_unit ON petition_mediations (unit_id, opened_on);

-- Dialogue conferences between heads and the people (hội nghị đối thoại) and commitments.
CREATE TABLE petition_dialogues (
    id BIGINT PRIMARY KEY,
    unit_id BIGINT NOT NULL REFERENCES units(id),
    title TEXT NOT NULL,
    planned_on TEXT NOT NULL,
    held_on TEXT,
    chaired_by TEXT NOT NULL,
    participants BIGINT,
    created_at TEXT NOT NULL
);
CREATE TABLE petition_commitments (
    id BIGINT PRIMARY KEY,
    dialogue_id BIGINT NOT NULL REFERENCES petition_dialogues(id),
    issue TEXT NOT NULL,
    answer TEXT NOT NULL,
    owner TEXT NOT NULL,
    due_on TEXT NOT NULL,
    done_on TEXT,
    created_at TEXT NOT NULL
);
