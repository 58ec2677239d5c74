-- Notices: the outbox (written in the transaction of the write that caused it) and the in-app
-- inbox in one table, each person's settings and choices, and recorded consent to text messages.
CREATE TABLE notifications (
    id BIGINT PRIMARY KEY,
    kind TEXT NOT NULL,
    channel TEXT NOT NULL,
    account_id BIGINT REFERENCES accounts (id),
    -- The e-mail address or phone, normalised; NULL for the inbox and for a sealed address.
    address TEXT,
    -- `module:reference`: the address is returned by that module when the message is sent.
    sealed_ref TEXT,
    lang TEXT NOT NULL,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    link TEXT,
    confidential BOOLEAN NOT NULL,
    unsubscribe_token TEXT UNIQUE,
    once_key TEXT UNIQUE,
    -- queued | sending | sent | failed (will be tried again) | given_up
    state TEXT NOT NULL,
    attempts BIGINT NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL,
    last_error TEXT,
    created_at TEXT NOT NULL,
    sent_at TEXT,
    read_at TEXT
);
CREATE INDEX notifications_due ON notifications (state, next_attempt_at);
CREATE INDEX notifications_inbox ON notifications (account_id, channel, read_at, id);

CREATE TABLE notification_settings (
    account_id BIGINT PRIMARY KEY REFERENCES accounts (id),
    email TEXT NOT NULL,
    phone TEXT NOT NULL,
    quiet_from BIGINT,
    quiet_to BIGINT,
    lang TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE notification_choices (
    account_id BIGINT NOT NULL REFERENCES accounts (id),
    kind TEXT NOT NULL,
    channel TEXT NOT NULL,
    enabled BOOLEAN NOT NULL,
    PRIMARY KEY (account_id, kind, channel)
);

CREATE TABLE notification_consents (
    id BIGINT PRIMARY KEY,
    person_id BIGINT NOT NULL REFERENCES people (id),
    channel TEXT NOT NULL,
    address TEXT NOT NULL,
    given_on TEXT NOT NULL,
    recorded_by TEXT NOT NULL,
    withdrawn_on TEXT
);
CREATE INDEX notification_consents_person ON notification_consents (person_id, withdrawn_on);
