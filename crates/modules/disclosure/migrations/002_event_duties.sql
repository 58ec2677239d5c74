-- Disclosure duties raised by an event of another module (a draft published for the people's
-- comments, Luật 10/2022/QH15 Điều 11 khoản 11), taken through the registry: where the duty came
-- from, what must be disclosed, the page of the event, and when the event was recorded (from
-- which the next gathering goes on). Such a row's duty_key is 'event' and its period_label its
-- origin, so a duty is taken once. Portable DDL for SQLite and PostgreSQL.
ALTER TABLE disclosure_expected ADD COLUMN origin TEXT;
ALTER TABLE disclosure_expected ADD COLUMN title TEXT;
ALTER TABLE disclosure_expected ADD COLUMN link TEXT;
ALTER TABLE disclosure_expected ADD COLUMN recorded_at TEXT;
CREATE INDEX disclosure_expected_origin ON disclosure_expected (origin, recorded_at);
