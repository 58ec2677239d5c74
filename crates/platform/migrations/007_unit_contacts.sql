-- What a unit's People's Committee publishes about itself (thông tin liên hệ): the body's name,
-- address, phone, e-mail and citizen-reception hours, shown on the unit's home page; the unit
-- that runs the site (runs_site, at most one) is named in every page's header and footer.
CREATE TABLE unit_contacts (
    unit_id BIGINT PRIMARY KEY REFERENCES units (id),
    body_name TEXT NOT NULL,
    address TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    email TEXT NOT NULL DEFAULT '',
    reception_hours TEXT NOT NULL DEFAULT '',
    runs_site BOOLEAN NOT NULL DEFAULT FALSE,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL
);
