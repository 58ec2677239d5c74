-- Leases for scheduled jobs, so that one node runs each job at a time.
CREATE TABLE job_leases (
    name TEXT PRIMARY KEY,
    locked_until TEXT NOT NULL,
    last_run_at TEXT,
    last_error TEXT
);
