-- The "Dân vận khéo" emulation movement (phong trào thi đua) and its awards (khen thưởng).
-- Portable DDL for SQLite and PostgreSQL. Dates as yyyy-mm-dd text. An evaluation, a vote and
-- a decision are new rows; a model's status is the one column updated, by its evaluation.

-- A campaign run by a unit's Mass Mobilisation Board for a period.
-- eligible: collectives | individuals | both. fields: the field codes it covers, comma-separated.
CREATE TABLE emulation_campaigns (
    id BIGINT PRIMARY KEY,
    unit_id BIGINT NOT NULL REFERENCES units (id),
    title TEXT NOT NULL,
    document TEXT NOT NULL,
    description TEXT NOT NULL,
    period_from TEXT NOT NULL,
    period_to TEXT NOT NULL,
    register_until TEXT NOT NULL,
    eligible TEXT NOT NULL,
    fields TEXT NOT NULL,
    rule_pack_id TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX emulation_campaigns_unit ON emulation_campaigns (unit_id, period_from);

-- Its criteria (tiêu chí), each scored from 0 to its weight.
CREATE TABLE emulation_criteria (
    campaign_id BIGINT NOT NULL REFERENCES emulation_campaigns (id),
    position BIGINT NOT NULL,
    name TEXT NOT NULL,
    weight BIGINT NOT NULL,
    PRIMARY KEY (campaign_id, position)
);

-- A registration (đăng ký thi đua) of a collective or an individual at a unit under the
-- campaign's, with what it commits to do. area_unit_id: the unit directly under the
-- campaign's that holds the registrant (the campaign's own unit when it registers there), so
-- that the counts by unit are one grouped read. registered_by_account: who recorded it, so
-- that they never evaluate what grows from it.
CREATE TABLE emulation_registrations (
    id BIGINT PRIMARY KEY,
    campaign_id BIGINT NOT NULL REFERENCES emulation_campaigns (id),
    unit_id BIGINT NOT NULL REFERENCES units (id),
    area_unit_id BIGINT NOT NULL REFERENCES units (id),
    kind TEXT NOT NULL,
    collective_kind TEXT NOT NULL,
    name TEXT NOT NULL,
    name_key TEXT NOT NULL,
    field TEXT NOT NULL,
    commitment TEXT NOT NULL,
    registered_on TEXT NOT NULL,
    registered_by TEXT NOT NULL,
    registered_by_account BIGINT,
    created_at TEXT NOT NULL
);
CREATE INDEX emulation_registrations_campaign ON emulation_registrations (campaign_id, id);
CREATE INDEX emulation_registrations_counts ON emulation_registrations (campaign_id, area_unit_id, kind, field);
CREATE INDEX emulation_registrations_unit ON emulation_registrations (unit_id, registered_on);

-- The registrations counted by the unit under the campaign's, field and kind, kept in the
-- registration's transaction, so that a campaign's page counts tens of thousands of
-- registrations from a few hundred rows.
CREATE TABLE emulation_tallies (
    campaign_id BIGINT NOT NULL REFERENCES emulation_campaigns (id),
    area_unit_id BIGINT NOT NULL REFERENCES units (id),
    field TEXT NOT NULL,
    kind TEXT NOT NULL,
    registrations BIGINT NOT NULL,
    PRIMARY KEY (campaign_id, area_unit_id, field, kind)
);

-- A model (mô hình) a registration grew into. status: proposed | recognised | kept | rejected.
CREATE TABLE emulation_models (
    id BIGINT PRIMARY KEY,
    registration_id BIGINT NOT NULL UNIQUE REFERENCES emulation_registrations (id),
    campaign_id BIGINT NOT NULL REFERENCES emulation_campaigns (id),
    unit_id BIGINT NOT NULL REFERENCES units (id),
    title TEXT NOT NULL,
    description TEXT NOT NULL,
    started_on TEXT NOT NULL,
    results TEXT NOT NULL,
    status TEXT NOT NULL,
    status_reason TEXT NOT NULL,
    status_on TEXT,
    created_by TEXT NOT NULL,
    created_by_account BIGINT,
    created_at TEXT NOT NULL
);
CREATE INDEX emulation_models_campaign ON emulation_models (campaign_id, status, id);
CREATE INDEX emulation_models_unit ON emulation_models (unit_id, status);

-- An evaluation (đánh giá) of a model by the board: the verdict, its reason and conclusion.
CREATE TABLE emulation_evaluations (
    id BIGINT PRIMARY KEY,
    model_id BIGINT NOT NULL REFERENCES emulation_models (id),
    evaluator TEXT NOT NULL,
    evaluator_account BIGINT,
    evaluated_on TEXT NOT NULL,
    total BIGINT NOT NULL,
    verdict TEXT NOT NULL,
    conclusion TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX emulation_evaluations_model ON emulation_evaluations (model_id, evaluated_on);

-- Its score per criterion.
CREATE TABLE emulation_scores (
    evaluation_id BIGINT NOT NULL REFERENCES emulation_evaluations (id),
    position BIGINT NOT NULL,
    score BIGINT NOT NULL,
    PRIMARY KEY (evaluation_id, position)
);

-- A proposal for commendation (đề nghị khen thưởng) of a recognised model, and the council's
-- vote on it. outcome: pending | passed | failed.
CREATE TABLE emulation_proposals (
    id BIGINT PRIMARY KEY,
    campaign_id BIGINT NOT NULL REFERENCES emulation_campaigns (id),
    model_id BIGINT NOT NULL REFERENCES emulation_models (id),
    award TEXT NOT NULL,
    reason TEXT NOT NULL,
    proposed_by TEXT NOT NULL,
    proposed_on TEXT NOT NULL,
    council_members BIGINT,
    votes_for BIGINT,
    voted_on TEXT,
    outcome TEXT NOT NULL,
    decision_id BIGINT,
    created_at TEXT NOT NULL
);
CREATE INDEX emulation_proposals_campaign ON emulation_proposals (campaign_id, outcome);

-- An award decision (quyết định khen thưởng) over the passed proposals of one award, its
-- annexed list being those proposals.
CREATE TABLE emulation_decisions (
    id BIGINT PRIMARY KEY,
    campaign_id BIGINT NOT NULL REFERENCES emulation_campaigns (id),
    award TEXT NOT NULL,
    number TEXT NOT NULL,
    signed_on TEXT NOT NULL,
    signer TEXT NOT NULL,
    signer_title TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX emulation_decisions_campaign ON emulation_decisions (campaign_id, signed_on);
