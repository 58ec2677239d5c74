-- Clocks of the decision document raised as overdue by the clocks job (once each): `send`
-- (not sent to UBND xã and UBMTTQ xã within the working days of Điều 20(3)) and `recognition`
-- (neither recognised nor refused in writing within the working days of Điều 21(2)).
CREATE TABLE decision_overdue (
    matter_id BIGINT NOT NULL REFERENCES decision_matters (id),
    kind TEXT NOT NULL,
    due_on TEXT NOT NULL,
    flagged_on TEXT NOT NULL,
    PRIMARY KEY (matter_id, kind)
);
CREATE INDEX decision_documents_recognition_due ON decision_documents (recognition_due_on);
