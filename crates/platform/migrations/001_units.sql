-- Administrative units of any depth, with validity dates and many-to-many lineage.
CREATE TABLE units (
    id BIGINT PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    name_folded TEXT NOT NULL,
    kind TEXT NOT NULL,
    kind_label TEXT NOT NULL,
    parent_id BIGINT REFERENCES units (id),
    path TEXT NOT NULL,
    depth INTEGER NOT NULL,
    valid_from TEXT,
    valid_to TEXT,
    created_at TEXT NOT NULL
);
CREATE INDEX units_parent ON units (parent_id, name);
CREATE INDEX units_name_folded ON units (name_folded);
CREATE INDEX units_kind ON units (kind);

CREATE TABLE unit_lineage (
    from_unit_id BIGINT NOT NULL REFERENCES units (id),
    to_unit_id BIGINT NOT NULL REFERENCES units (id),
    kind TEXT NOT NULL,
    effective_on TEXT NOT NULL,
    PRIMARY KEY (from_unit_id, to_unit_id)
);
CREATE INDEX unit_lineage_to ON unit_lineage (to_unit_id);
