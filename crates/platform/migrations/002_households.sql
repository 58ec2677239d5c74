-- Households (the voting unit of community decisions) and their members.
CREATE TABLE households (
    id BIGINT PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    unit_id BIGINT NOT NULL REFERENCES units (id),
    address TEXT NOT NULL,
    formed_on TEXT NOT NULL,
    dissolved_on TEXT,
    representative_id BIGINT NOT NULL
);
CREATE INDEX households_unit ON households (unit_id, formed_on);

CREATE TABLE people (
    id BIGINT PRIMARY KEY,
    household_id BIGINT NOT NULL REFERENCES households (id),
    full_name TEXT NOT NULL,
    name_folded TEXT NOT NULL,
    birth_date TEXT,
    gender TEXT,
    relation TEXT NOT NULL,
    phone TEXT,
    full_capacity BOOLEAN NOT NULL
);
CREATE INDEX people_household ON people (household_id);
