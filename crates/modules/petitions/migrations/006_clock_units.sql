-- The unit of each clock's case, copied onto the clock (a case never changes unit), so that
-- the overdue count of many units reads the clocks alone.
ALTER TABLE petition_clocks ADD COLUMN unit_id BIGINT REFERENCES units(id);
UPDATE petition_clocks SET unit_id = (SELECT c.unit_id FROM petition_cases c WHERE c.id = petition_clocks.case_id);
CREATE INDEX petition_clocks_unit_due ON petition_clocks (unit_id, due_on, done_on);
