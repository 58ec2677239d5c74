-- The hearing of a named citizen a draft decision burdens (Luật 10/2022/QH15 Điều 27): when,
-- in what form, and what they said, recorded before the consultation closes.
CREATE TABLE consultation_hearings (
    id BIGINT PRIMARY KEY,
    consultation_id BIGINT NOT NULL REFERENCES consultations (id),
    person_name TEXT NOT NULL,
    heard_on TEXT NOT NULL,
    form TEXT NOT NULL,
    statement TEXT NOT NULL,
    recorded_by TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX consultation_hearings_of ON consultation_hearings (consultation_id, heard_on);
