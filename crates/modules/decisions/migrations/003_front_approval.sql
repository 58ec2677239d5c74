-- A citizen initiative below the pack's share of households may still be put to the community
-- with the Front work team's approval (Luật 10/2022/QH15 Điều 16): who approved it, and when.
ALTER TABLE decision_initiatives ADD COLUMN front_approved_on TEXT;
ALTER TABLE decision_initiatives ADD COLUMN front_approved_by TEXT;
