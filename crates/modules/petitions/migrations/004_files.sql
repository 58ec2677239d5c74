-- Files attached to a case (tệp đính kèm). A sealed file is a denouncer's handwriting scan or
-- another identifying attachment: its bytes are encrypted with the protection key, its name
-- is generic, and only the assigned handler may open it. Bytes live in <data_dir>/petition-files.
CREATE TABLE petition_files (
    id BIGINT PRIMARY KEY,
    case_id BIGINT NOT NULL REFERENCES petition_cases(id),
    file_name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size_bytes BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    sealed BOOLEAN NOT NULL,
    uploaded_by BIGINT,
    uploaded_at TEXT NOT NULL
);
CREATE INDEX petition_files_case ON petition_files (case_id, id);
