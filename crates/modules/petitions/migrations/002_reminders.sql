-- The day a reminder was given for a clock (nhắc hạn), so each clock is reminded once.
ALTER TABLE petition_clocks ADD COLUMN reminded_on TEXT;
