-- Open clocks by start, for recomputing due dates after a change of the holiday schedule.
CREATE INDEX petition_clocks_start ON petition_clocks (started_on, done_on);
