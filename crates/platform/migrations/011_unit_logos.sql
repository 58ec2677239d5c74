-- The emblem (biểu trưng, logo) a unit's People's Committee shows beside its name in every
-- page's header when it runs the site. The picture is a file beside the database, named by
-- file_id; one per unit.
CREATE TABLE unit_logos (
    unit_id BIGINT PRIMARY KEY REFERENCES units (id),
    file_id BIGINT NOT NULL,
    content_type TEXT NOT NULL,
    size_bytes BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL
);
