-- Citizens' satisfaction (mức độ hài lòng, Law 10/2022/QH15 Art. 35(2)(a)): a rating from 1 to
-- 5 with a comment, of an answered petition (once per case), of a service of the unit. No
-- name, no account, no address: only a hash of the sender's address salted with the day, for
-- the limit on ratings per sender.
CREATE TABLE satisfaction_ratings (
    id BIGINT PRIMARY KEY,
    unit_id BIGINT NOT NULL REFERENCES units (id),
    -- petition | service
    subject TEXT NOT NULL,
    -- The case rated (petition), or the service's key (service).
    reference TEXT NOT NULL,
    -- One rating per case: the case's id; NULL for services.
    once_key TEXT UNIQUE,
    score BIGINT NOT NULL CHECK (score BETWEEN 1 AND 5),
    comment TEXT NOT NULL,
    client_hash TEXT NOT NULL,
    rated_on TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX satisfaction_ratings_unit ON satisfaction_ratings (unit_id, rated_on);
CREATE INDEX satisfaction_ratings_client ON satisfaction_ratings (client_hash, created_at);
